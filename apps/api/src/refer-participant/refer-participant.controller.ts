import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ageBandAt,
  AGE_BANDS,
  CONTACT_PREFERENCES,
  DISABILITY_STATUSES,
  EMPLOYMENT_STATUSES,
  ETHNICITIES,
  IMD_DECILES,
  londonDateOf,
  REFERRAL_SOURCES,
  SEXES,
  validatePersonalDetails,
  ValidationFailed,
} from '@workwell/domain';
import { code } from '../http/coding';
import { Roles, type AuthenticatedRequest } from '../auth/auth.guard';
import { siteBound } from '@workwell/auth';
import { WriteResponses } from '../http/api-responses';
import { problem, ProblemError } from '../http/problem';
import { JourneyHttpAdapter } from '../journey/journey-http.adapter';
import { ReferParticipantRequest } from './refer-participant.request';

@ApiTags('journey')
@Controller('participants')
export class ReferParticipantController {
  constructor(private readonly writer: JourneyHttpAdapter) {}

  @Post()
  @Roles('coach', 'manager', 'admin')
  @ApiOperation({
    summary: 'Refer a participant',
    description:
      'Opens a journey. Personal details are validated (NHS number check digit, postcode) and encrypted with a new participant key.',
  })
  @WriteResponses(201)
  refer(@Body() body: ReferParticipantRequest, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const principal = request.principal;
    const siteId = body.siteId ?? principal.site;
    if (!siteId)
      throw new ProblemError(
        problem(400, 'INVALID_REQUEST', 'Invalid request', 'siteId is required for a national user.', {
          errors: [{ field: 'siteId', message: 'is required' }],
        }),
      );
    if (siteBound(principal.role) && siteId !== principal.site) {
      throw new ProblemError(
        problem(403, 'OTHER_SITE', 'Forbidden', `You can refer participants to your own site (${principal.site}) only.`),
      );
    }
    const participantId = this.writer.newParticipantId(request, body.participantId);
    return this.writer.record(
      request,
      reply,
      participantId,
      'ReferParticipant',
      async (seal) => {
        const details = body.personalDetails;
        const problems = validatePersonalDetails(details, londonDateOf(body.occurredAt));
        if (problems.length > 0) throw new ValidationFailed(problems);
        return {
          occurredAt: body.occurredAt,
          siteId,
          referralSource: code(REFERRAL_SOURCES, body.referralSource),
          employmentAtReferral: { status: code(EMPLOYMENT_STATUSES, body.employmentStatus), fitNoteHeld: body.fitNoteHeld },
          contactPreference: code(CONTACT_PREFERENCES, body.contactPreference),
          personalDetails: await seal.json({ ...details }),
          demographics: {
            ageBand: code(AGE_BANDS, ageBandAt(details.dateOfBirth, londonDateOf(body.occurredAt))),
            sex: code(SEXES, body.demographics.sex),
            ethnicity: code(ETHNICITIES, body.demographics.ethnicity),
            disability: code(DISABILITY_STATUSES, body.demographics.disability),
            imdDecile: code(IMD_DECILES, body.demographics.imdDecile),
          },
          ...(body.referringOrganisation === undefined ? {} : { referringOrganisation: body.referringOrganisation }),
        };
      },
      201,
    );
  }
}

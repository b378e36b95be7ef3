import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import {
  CONTACT_PREFERENCES,
  DISABILITY_STATUSES,
  EMPLOYMENT_STATUSES,
  ETHNICITIES,
  IMD_DECILES,
  REFERRAL_SOURCES,
  SEXES,
  validatePersonalDetails,
} from '@workwell/domain';
import { CalendarDate, Code, Flag, Identifier, Instant, Nested, ParticipantId, PlainText } from '../http/request.decorators';

/** The domain's rule for one field of the details (the controller checks them all again, with the referral date, before sealing). */
const passesDomainRule = (field: string) => (value: unknown) =>
  typeof value === 'string' &&
  !validatePersonalDetails({ [field]: value }, '2999-12-31').some((e) => e.field === `personalDetails.${field}`);

/** Checked field by field with the domain's own rules, so that every wrong detail is named in the first answer. */
const Rule = (field: string, message: string, example: string, optional = false) =>
  applyDecorators(
    ...(optional ? [IsOptional()] : []),
    ValidateBy({ name: `personalDetails.${field}`, validator: { validate: passesDomainRule(field) } }, { message }),
    (optional ? ApiPropertyOptional : ApiProperty)({ type: 'string', example }),
  );

export class PersonalDetailsRequest {
  @PlainText({ max: 200, example: 'Sam Example' }) name!: string;
  @CalendarDate({ description: 'Used for the age band; stored encrypted.' }) dateOfBirth!: string;
  @Rule('nhsNumber', 'must be a 10-digit NHS number with a valid check digit', '943 476 5919') nhsNumber!: string;
  @Rule('postcode', 'must be a full UK postcode', 'LS1 4AP') postcode!: string;
  @Rule('phone', 'must be a UK phone number', '07700 900123', true) phone?: string;
  @Rule('email', 'must be an email address', 'sam@example.org', true) email?: string;
}

/** Equality monitoring; each may be `not-disclosed`. The age band comes from the date of birth. */
export class DemographicsRequest {
  @Code(SEXES) sex!: string;
  @Code(ETHNICITIES) ethnicity!: string;
  @Code(DISABILITY_STATUSES) disability!: string;
  @Code(IMD_DECILES) imdDecile!: string;
}

export class ReferParticipantRequest {
  @ParticipantId({
    optional: true,
    description: 'Chosen by the caller for safe retries (any case, recorded in lower case); generated when absent.',
  })
  participantId?: string;

  @Instant({ description: 'When the referral was made.' }) occurredAt!: string;
  @Identifier({ optional: true, description: "The site; a coach's own site when absent." }) siteId?: string;
  @Code(REFERRAL_SOURCES) referralSource!: string;
  @Code(EMPLOYMENT_STATUSES, { description: 'Employment status at referral.' }) employmentStatus!: string;
  @Flag({ description: 'Whether the person holds a fit note.' }) fitNoteHeld!: boolean;
  @Code(CONTACT_PREFERENCES) contactPreference!: string;
  @Identifier({ optional: true, description: "The referring organisation: a GP practice's or PCN's ODS code, a VCSE organisation's id." })
  referringOrganisation?: string;
  @Nested(() => PersonalDetailsRequest, { description: 'Direct identifiers: encrypted with the participant key before they are recorded.' })
  personalDetails!: PersonalDetailsRequest;
  @Nested(() => DemographicsRequest) demographics!: DemographicsRequest;
}

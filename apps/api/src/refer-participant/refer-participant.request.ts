import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import {
  CONTACT_PREFERENCES,
  DISABILITY_STATUSES,
  EMPLOYMENT_STATUSES,
  ETHNICITIES,
  IMD_DECILES,
  REFERRAL_SOURCES,
  SEXES,
} from '@workwell/domain';
import { CalendarDate, Code, Flag, Identifier, Instant, Nested, ParticipantId } from '../http/request.decorators';

export class PersonalDetailsRequest {
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional({ example: 'Sam Example' })
  name!: string;

  @CalendarDate({ description: 'Used for the age band; stored encrypted.' })
  dateOfBirth!: string;

  @IsString()
  @ApiPropertyOptional({ example: '943 476 5919', description: '10 digits with a valid mod-11 check digit.' })
  nhsNumber!: string;

  @IsString()
  @ApiPropertyOptional({ example: 'LS1 4AP' })
  postcode!: string;

  @IsOptional()
  @IsString()
  @ApiPropertyOptional({ example: '07700 900123' })
  phone?: string;

  @IsOptional()
  @IsString()
  @ApiPropertyOptional({ example: 'sam@example.org' })
  email?: string;
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
  @Nested(() => PersonalDetailsRequest, { description: 'Direct identifiers: encrypted with the participant key before they are recorded.' })
  personalDetails!: PersonalDetailsRequest;
  @Nested(() => DemographicsRequest) demographics!: DemographicsRequest;
}

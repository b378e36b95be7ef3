import type { Projection } from './projection';
import { caseloadProjection } from './caseload/caseload.projection';
import { consentSharingProjection } from './consent-sharing/consent-sharing.projection';
import { keyShredderProjection } from './key-shredder/key-shredder.projection';
import { outcomesProjection } from './outcomes/outcomes.projection';

/** Every projection the projector keeps: the read models, and the key shredder behind erasure. */
export const projections: readonly Projection[] = [caseloadProjection, consentSharingProjection, outcomesProjection, keyShredderProjection];

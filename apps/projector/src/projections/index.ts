import type { Projection } from '../runner/projection';
import { caseloadProjection } from './caseload.projection';
import { consentSharingProjection } from './consent-sharing.projection';
import { keyShredderProjection } from './key-shredder.projection';
import { outcomesProjection } from './outcomes.projection';

/** Every projection the projector keeps: the read models, and the key shredder behind erasure. */
export const projections: readonly Projection[] = [caseloadProjection, consentSharingProjection, outcomesProjection, keyShredderProjection];

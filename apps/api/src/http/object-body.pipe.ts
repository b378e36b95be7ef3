import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { problem, ProblemError } from './problem';

/** Every request body is a JSON object; anything else is refused before validation looks at it. */
@Injectable()
export class ObjectBodyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body') return value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ProblemError(
        problem(400, 'INVALID_REQUEST', 'Invalid request', 'The request body must be a JSON object.', {
          errors: [{ field: '', message: 'must be a JSON object' }],
        }),
      );
    }
    return value;
  }
}

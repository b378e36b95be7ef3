import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { problem, ProblemError } from '../http/problem';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import type { Principal, Role } from '@workwell/auth';
import { InvalidToken, TokenCache, verifyToken } from '@workwell/auth';

const PUBLIC = 'workwell:public';
const ROLES = 'workwell:roles';

/** No token needed (health, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Only these roles may call the endpoint. */
export const Roles = (...allowed: Role[]) => SetMetadata(ROLES, allowed);

export type AuthenticatedRequest = FastifyRequest & { principal: Principal };

/** Bearer token on every endpoint that is not public, and the endpoint's roles; 401 and 403 as problems. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verified = new TokenCache(10_000);

  constructor(
    private readonly reflector: Reflector,
    @Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header || !/^Bearer \S+$/i.test(header)) {
      throw new ProblemError(
        problem(401, 'UNAUTHENTICATED', 'Authentication required', 'Send a bearer token: Authorization: Bearer <token>.'),
      );
    }
    try {
      const token = header.slice(7).trim();
      request.principal = this.verified.get(token, Date.now()) ?? this.verified.set(token, await verifyToken(token, this.deps.secrets));
    } catch (error) {
      if (error instanceof InvalidToken) throw new ProblemError(problem(401, 'INVALID_TOKEN', 'Authentication required', error.message));
      throw error;
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && !allowed.includes(request.principal.role)) {
      throw new ProblemError(
        problem(
          403,
          'FORBIDDEN_ROLE',
          'Forbidden',
          `This is for ${allowed.join(' or ')} users; a ${request.principal.role} token cannot use it.`,
        ),
      );
    }
    return true;
  }
}

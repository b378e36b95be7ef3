import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { webAssetsDirectory } from '@workwell/evaluation';
import { loadWebAssets, WEB_CSP, type WebAsset } from './web-assets';

const notFound = (reply: FastifyReply, detail: string) =>
  reply
    .code(404)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: 'Not Found', status: 404, code: 'NOT_FOUND', detail });

/**
 * The web pages under /app/, on the API's own origin: same bearer tokens, same roles. The files
 * are public (they hold no data); every answer they show comes from the API with the user's token.
 * Plain Fastify routes, beside Nest's, since the pages are files and not endpoints.
 */
@Module({})
export class WebModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const assets = loadWebAssets(webAssetsDirectory());
    const send = (asset: WebAsset, request: FastifyRequest, reply: FastifyReply) => {
      void reply.header('etag', asset.etag).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
      if (asset.contentType.startsWith('text/html')) void reply.header('content-security-policy', WEB_CSP);
      if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      return reply.type(asset.contentType).send(asset.body);
    };
    const page = (request: FastifyRequest, reply: FastifyReply) => {
      const index = assets.get('index.html');
      return index ? send(index, request, reply) : notFound(reply, 'The web pages are not built: run `npm run build`.');
    };
    fastify.get('/', (_request, reply) => reply.redirect('/app/'));
    fastify.get('/app', (_request, reply) => reply.redirect('/app/'));
    fastify.get('/app/', page);
    fastify.get<{ Params: { file: string } }>('/app/:file', (request, reply) => {
      const asset = assets.get(request.params.file);
      return asset ? send(asset, request, reply) : notFound(reply, `There is no file ${request.params.file} in the web pages.`);
    });
  }
}

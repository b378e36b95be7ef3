import { Module } from '@nestjs/common';
import { ConfigureSiteHandler } from './configure-site.command';
import { SitesController } from './sites.controller';

/** The site registry over HTTP: reads for every national role and each site's own staff, changes for admins. */
@Module({ controllers: [SitesController], providers: [ConfigureSiteHandler] })
export class SitesModule {}

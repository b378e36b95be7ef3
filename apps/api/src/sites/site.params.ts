import { Identifier } from '../http/request.decorators';

export class SiteParams {
  @Identifier({ description: 'The site (vanguard or place) id, as coaches’ tokens name it, e.g. leeds.' })
  siteId!: string;
}

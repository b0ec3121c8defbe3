import { Controller, Get, NotFoundException, Param, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/roles.js';
import { UI_DIR } from './ui-assets.js';

/** The bundle's files: a name, never a path. */
const ASSET = /^[\w-]+\.(js|css|map)$/;

/**
 * The desk's screen: a page and its bundle, without a key (the page asks for one and sends it to the API itself).
 * Not part of the API, so not in its document.
 */
@ApiExcludeController()
@Public()
@Controller()
export class UiController {
  @Get()
  page(@Res() res: Response): void {
    this.send(res, 'index.html');
  }

  @Get('ui/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!ASSET.test(file) || !existsSync(join(UI_DIR, file))) throw new NotFoundException(`No dashboard file ${ASSET.test(file) ? file : 'by that name'}.`);
    this.send(res, file);
  }

  private send(res: Response, file: string): void {
    if (!existsSync(join(UI_DIR, 'index.html'))) {
      throw new ServiceUnavailableException('The dashboard is not built: run npm run build (npm start does).');
    }
    // Revalidated on every load, so a new release's bundle is never mixed with an old page.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(file, { root: UI_DIR, dotfiles: 'deny', etag: true, lastModified: true });
  }
}

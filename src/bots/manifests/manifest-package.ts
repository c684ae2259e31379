import { AppError } from '../../core/errors.js';
import { fillTemplate, type PublicUrl } from './manifest-fill.js';
import { createZip } from './zip.js';

/** The committed manifests/ files a package is built from. */
export interface ManifestSources {
  readonly slackTemplate: string;
  readonly teamsTemplate: string;
  readonly colorPng: Buffer;
  readonly outlinePng: Buffer;
}

/** One file to write, at a path relative to the output folder. */
export interface ManifestFile {
  readonly path: string;
  readonly data: Buffer;
}

/** Where each output goes inside the folder given to `tally manifests --out`. */
export const OUTPUT_PATHS = {
  slackManifest: 'slack/manifest.yml',
  teamsManifest: 'teams/manifest.json',
  teamsColor: 'teams/color.png',
  teamsOutline: 'teams/outline.png',
  teamsZip: 'tally-teams.zip',
} as const;

function teamsIconNames(manifestJson: string): { color: string; outline: string } {
  let parsed: { icons?: { color?: unknown; outline?: unknown } };
  try {
    parsed = JSON.parse(manifestJson) as typeof parsed;
  } catch (error) {
    throw new AppError('INTERNAL', 'the filled Teams manifest is not valid JSON', { cause: error });
  }
  const { color, outline } = parsed.icons ?? {};
  if (color !== 'color.png' || outline !== 'outline.png') throw new AppError('INTERNAL', 'the Teams manifest must name its icons color.png and outline.png');
  return { color, outline };
}

/**
 * Fills the Slack and Teams manifests for one public address and packs the Teams app zip
 * (manifest.json and both icons at the zip root, as Teams requires). Without an app id the Teams
 * files are left out: a Slack-only firm still gets its manifest.
 */
export function buildManifestFiles(sources: ManifestSources, options: { readonly publicUrl: PublicUrl; readonly appId: string | null; readonly now: Date }): ManifestFile[] {
  const values: Record<string, string> = { PUBLIC_URL: options.publicUrl.url, PUBLIC_HOST: options.publicUrl.host };
  const files: ManifestFile[] = [{ path: OUTPUT_PATHS.slackManifest, data: Buffer.from(fillTemplate(sources.slackTemplate, values)) }];
  if (options.appId === null) return files;
  const teams = fillTemplate(sources.teamsTemplate, { ...values, MICROSOFT_APP_ID: options.appId });
  const icons = teamsIconNames(teams);
  const manifest = Buffer.from(teams);
  const zip = createZip(
    [
      { name: 'manifest.json', data: manifest },
      { name: icons.color, data: sources.colorPng },
      { name: icons.outline, data: sources.outlinePng },
    ],
    options.now,
  );
  files.push(
    { path: OUTPUT_PATHS.teamsManifest, data: manifest },
    { path: OUTPUT_PATHS.teamsColor, data: sources.colorPng },
    { path: OUTPUT_PATHS.teamsOutline, data: sources.outlinePng },
    { path: OUTPUT_PATHS.teamsZip, data: zip },
  );
  return files;
}

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';

/**
 * The one thing Tally asks of a PDF library: turn a document definition into the bytes of a PDF.
 * The invoice renderer builds the definition (pure data); tests can swap the engine for a fake.
 */
export interface PdfEngine {
  render(definition: TDocumentDefinitions): Promise<Buffer>;
}

/** The only font family the renderer uses; its files ship with pdfmake. */
export const PDF_FONT = 'Roboto';

const ROBOTO_DIR = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');

/** Absolute paths of the four Roboto files: the only local files pdfmake may open. */
export const PDF_FONT_FILES = {
  normal: join(ROBOTO_DIR, 'Roboto-Regular.ttf'),
  bold: join(ROBOTO_DIR, 'Roboto-Medium.ttf'),
  italics: join(ROBOTO_DIR, 'Roboto-Italic.ttf'),
  bolditalics: join(ROBOTO_DIR, 'Roboto-MediumItalic.ttf'),
} as const;

const ALLOWED_FILES: ReadonlySet<string> = new Set(Object.values(PDF_FONT_FILES));

let configured = false;

/**
 * Configures pdfmake's module instance once per process: our fonts as file paths, no network access
 * at all (a document can name an image or font by URL; pdfmake would fetch it), and local file access
 * only to the font files. pdfmake 0.3 keeps this state on the instance that `import pdfmake` returns.
 */
function configurePdfmake(): void {
  if (configured) return;
  const fonts: TFontDictionary = { [PDF_FONT]: { ...PDF_FONT_FILES } };
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => ALLOWED_FILES.has(path));
  configured = true;
}

/** pdfmake 0.3 on the server: `createPdf(definition).getBuffer()` on the configured module instance. */
export const pdfmakeEngine: PdfEngine = {
  async render(definition) {
    configurePdfmake();
    // Called as a method: createPdf reads the fonts and policies from `this`.
    return pdfmake.createPdf(definition).getBuffer();
  },
};

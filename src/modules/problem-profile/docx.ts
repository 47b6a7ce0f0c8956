// The problem profile as a Word document: the page's sections and tables, cell for cell (tableLines), with the
// disclosure note first, so a committee paper carries the same figures as the screen.
import type * as Docx from 'docx';
import { formatDate } from '../../platform/time.ts';
import { fileName, type ProfileView, tableLines } from './view.ts';

export const docxFileName = (v: ProfileView) => fileName(v, 'docx');

export async function profileDocx(v: ProfileView): Promise<Buffer> {
  // docx is loaded on the first Word download, not when the server starts.
  const { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType }: typeof Docx = await import('docx');
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: text || ' ', bold })] })] });
  const row = (texts: readonly string[], header = false) => new TableRow({ tableHeader: header, children: texts.map((t, i) => cell(t, header || i === 0)) });
  const title = `Problem profile: ${formatDate(v.from)} to ${formatDate(v.to)}`;
  const children: (Docx.Paragraph | Docx.Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    new Paragraph(`Produced on ${formatDate(v.producedOn)}. OFFICIAL-SENSITIVE.`),
    new Paragraph(v.disclosure),
  ];
  for (const s of v.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(s.heading)] }), new Paragraph(s.intro));
    for (const t of s.tables) {
      const lines = tableLines(t);
      children.push(
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(t.caption)] }),
        new Paragraph(`Counts: ${t.unit}.${t.note ? ` ${t.note}` : ''}`),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [row(lines.head, true), ...lines.body.map((b) => row(b)), ...(lines.foot ? [row(lines.foot, true)] : [])],
        }),
        new Paragraph(''),
      );
    }
  }
  const doc = new Document({ title, creator: 'Jigsaw', sections: [{ children }] });
  return Packer.toBuffer(doc);
}

/**
 * The words the gateway writes itself: every word of the string and template literals in `src/` that hold a space
 * (explanations, reasons, the report's and the log's sentences, the phrases key readings name; a literal of one
 * token, such as a vocabulary entry `'male'`, is not a sentence the gateway writes). A labelled value that is one such word alone
 * (`things`, `your`, `somebody`, `redacted`) cannot be told apart from the gateway's own text by a search, and a
 * single common word identifies nobody, so the scan does not look for it alone; values of two or more words, and
 * every word the gateway never writes, are still searched. Literals are read with TypeScript's parser, so words of
 * comments (where examples such as `anna@example.org` live) are not taken.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const SRC = join(import.meta.dirname, '..', '..', 'src');
/** Shorter values are never searched (searchableValues), so shorter words need not be collected. */
const WORD = /[A-Za-z]{4,}/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function literalTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const texts: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
    else if (ts.isTemplateExpression(node)) texts.push(node.head.text, ...node.templateSpans.map((span) => span.literal.text));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

/** Lower-cased words (4 letters or more) of the literals of every `src/**.ts` file. */
export function gatewayWords(): Set<string> {
  const words = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    for (const text of literalTexts(file)) {
      if (!text.includes(' ')) continue;
      for (const [word] of text.matchAll(WORD)) words.add(word.toLowerCase());
    }
  }
  return words;
}

/**
 * The gateway's own sentences, lower-cased (every literal of `src/` that holds a space), for phrases: a labelled value
 * of two or more words that the gateway writes itself word for word (a publisher's placeholder `"JSON Web Token"`, the
 * validators' name for a token's form; an eero network named `"Home Network"`, the explanations' "the home network")
 * cannot be told apart from the gateway's text either. A phrase the gateway never writes (`Anna Kowalski`) is searched.
 */
export function gatewayPhrases(): (phrase: string) => boolean {
  const texts: string[] = [];
  for (const file of sourceFiles(SRC)) {
    for (const text of literalTexts(file)) if (text.includes(' ')) texts.push(text.toLowerCase());
  }
  const all = texts.join('\n');
  return (phrase) => {
    const wanted = phrase.toLowerCase();
    if (!wanted.includes(' ')) return false;
    for (let at = all.indexOf(wanted); at !== -1; at = all.indexOf(wanted, at + 1)) {
      if (!isLetter(all.charCodeAt(at - 1)) && !isLetter(all.charCodeAt(at + wanted.length))) return true;
    }
    return false;
  };
}

function isLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}


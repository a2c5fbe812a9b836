/**
 * TLA+ (and PlusCal inside its comment), TLC's .cfg and our .pnet net format for monaco: Monarch
 * grammars for highlighting, bracket pairs (including `<< >>`), comment toggling, and folding of
 * comments, the PlusCal algorithm, the generated translation and multi-line definitions.
 */
import { CONFIG_KEYWORDS } from '../../../packages/tla/src/config/config-ast.js';
import { monaco } from './monaco.js';

const TLA_KEYWORDS = [
  'MODULE',
  'EXTENDS',
  'CONSTANT',
  'CONSTANTS',
  'VARIABLE',
  'VARIABLES',
  'ASSUME',
  'ASSUMPTION',
  'AXIOM',
  'THEOREM',
  'LEMMA',
  'PROPOSITION',
  'COROLLARY',
  'LOCAL',
  'INSTANCE',
  'WITH',
  'LET',
  'IN',
  'IF',
  'THEN',
  'ELSE',
  'CASE',
  'OTHER',
  'CHOOSE',
  'EXCEPT',
  'DOMAIN',
  'SUBSET',
  'UNION',
  'ENABLED',
  'UNCHANGED',
  'RECURSIVE',
  'LAMBDA',
  'PROOF',
  'BY',
  'OBVIOUS',
  'OMITTED',
  'QED',
  'DEF',
  'DEFS',
  'USE',
  'HIDE',
  'HAVE',
  'TAKE',
  'WITNESS',
  'PICK',
  'SUFFICES',
  'NEW',
  'STATE',
  'ACTION',
  'TEMPORAL',
  'ONLY',
  'DEFINE',
  'ACROSS',
  'PARAMETER',
  'PARAMETERS',
  'SF_',
  'WF_',
];
const TLA_CONSTANTS = ['TRUE', 'FALSE', 'BOOLEAN', 'STRING', 'Nat', 'Int', 'Real', 'Seq', '@'];
const PLUSCAL_KEYWORDS = [
  'algorithm',
  'variables',
  'variable',
  'begin',
  'end',
  'if',
  'then',
  'else',
  'elsif',
  'while',
  'do',
  'with',
  'either',
  'or',
  'await',
  'when',
  'goto',
  'skip',
  'call',
  'return',
  'process',
  'fair',
  'procedure',
  'define',
  'macro',
  'print',
  'assert',
  'self',
];
/** The cfg keywords TLC reads (the parser's own list, without TLC's experimental hooks), and the booleans. */
const CFG_KEYWORDS = [...CONFIG_KEYWORDS.filter((k) => /^[A-Z][A-Z_]*$/.test(k)), 'TRUE', 'FALSE'];

/** Operators in ASCII and their Unicode forms (TLA+ 2 accepts both). */
const SYMBOL_OPERATORS =
  /(\/\\|\\\/|=>|<=>|~>|->|\|->|<-|==|\[\]|<>|\.\.|::=|:=|\\[a-zA-Z]+|[=<>!#~+\-*/%^&|@:$?.'])|[∧∨¬⇒⇔∈∉⊆⊂⊇⊃∪∩∀∃□◇≜≠≤≥×↦⟼⊕⊖⊗⊘⊙∘≡≈≅≺≻≼≽⊏⊐⊑⊒⊢⊨⊤⊥⋯…∖⇝]/;

export const TLA_ID = 'tlaplus';
export const CFG_ID = 'tlc-cfg';
export const PNET_ID = 'pnet';

let registered = false;

export function registerLanguages(): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: TLA_ID, extensions: ['.tla'] });
  monaco.languages.register({ id: CFG_ID, extensions: ['.cfg'] });
  monaco.languages.register({ id: PNET_ID, extensions: ['.pnet', '.net', '.lola'] });

  monaco.languages.setLanguageConfiguration(TLA_ID, {
    comments: { lineComment: '\\*', blockComment: ['(*', '*)'] },
    brackets: [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
      ['<<', '>>'],
      ['⟨', '⟩'],
    ],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: '{', close: '}' },
      { open: '<<', close: '>>' },
      { open: '"', close: '"', notIn: ['string', 'comment'] },
    ],
    surroundingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: '{', close: '}' },
      { open: '"', close: '"' },
    ],
    wordPattern: /[A-Za-z_0-9!]+/,
  });

  monaco.languages.setMonarchTokensProvider(TLA_ID, {
    keywords: TLA_KEYWORDS,
    constants: TLA_CONSTANTS,
    pluscal: PLUSCAL_KEYWORDS,
    tokenizer: {
      root: [
        [/^\s*-{4,}\s*MODULE\b/, 'keyword.module'],
        [/-{4,}/, 'delimiter.module'],
        [/={4,}/, 'delimiter.module'],
        [/\\\*.*$/, 'comment'],
        [/\(\*/, 'comment', '@comment'],
        { include: '@code' },
      ],
      code: [
        [/"/, 'string', '@string'],
        [/\\[bB][01]+|\\[oO][0-7]+|\\[hH][0-9a-fA-F]+/, 'number'],
        [/\d+(\.\d+)?/, 'number'],
        [/(WF|SF)_/, 'keyword'],
        [
          /[A-Za-z_][A-Za-z0-9_]*/,
          { cases: { '@keywords': 'keyword', '@constants': 'constant', '@default': 'identifier' } },
        ],
        [/<<|>>|⟨|⟩/, 'delimiter.angle'],
        [/[()[\]{}]/, 'delimiter.bracket'],
        [
          /\\(in|notin|subseteq|subset|supseteq|cup|cap|union|intersect|X|times|o|circ|E|A|EE|AA|div|leq|geq|lnot|neg|lor|land|equiv|approx|prec|succ|sqsubseteq|oplus|ominus|otimes|uplus|cdot|bigcirc|bullet|star|sim|simeq|asymp|doteq|propto|wr|mod)\b/,
          'operator',
        ],
        [SYMBOL_OPERATORS, 'operator'],
        [/[,;]/, 'delimiter'],
      ],
      string: [
        [/[^\\"]+/, 'string'],
        [/\\./, 'string.escape'],
        [/"/, 'string', '@pop'],
      ],
      comment: [
        [/--(fair\s+)?algorithm\b/, { token: 'keyword.pluscal', next: '@pluscal' }],
        [/\(\*/, 'comment', '@push'],
        [/\*\)/, 'comment', '@pop'],
        [/[^(*-]+/, 'comment'],
        [/[(*-]/, 'comment'],
      ],
      // PlusCal is code written inside a comment: highlight it as code until `end algorithm`
      // (or the comment's end, for the C syntax, whose braces are not tracked).
      pluscal: [
        [/end\s+algorithm\s*;?/, { token: 'keyword.pluscal', next: '@pop' }],
        [/\*\)/, { token: 'comment', next: '@popall' }],
        [/\\\*.*$/, 'comment'],
        [/\(\*/, 'comment', '@comment'],
        [
          /[A-Za-z_][A-Za-z0-9_]*(?=\s*:(?!=))/,
          { cases: { '@pluscal': 'keyword.pluscal', '@default': 'type.label' } },
        ],
        [
          /[A-Za-z_][A-Za-z0-9_]*/,
          {
            cases: {
              '@pluscal': 'keyword.pluscal',
              '@keywords': 'keyword',
              '@constants': 'constant',
              '@default': 'identifier',
            },
          },
        ],
        { include: '@code' },
      ],
    },
  } as monaco.languages.IMonarchLanguage);

  monaco.languages.registerFoldingRangeProvider(TLA_ID, {
    provideFoldingRanges: (model) => tlaFolding(model),
  });

  monaco.languages.setLanguageConfiguration(CFG_ID, {
    comments: { lineComment: '\\*', blockComment: ['(*', '*)'] },
    brackets: [
      ['{', '}'],
      ['(', ')'],
      ['<<', '>>'],
    ],
  });
  monaco.languages.setMonarchTokensProvider(CFG_ID, {
    keywords: CFG_KEYWORDS,
    tokenizer: {
      root: [
        [/\\\*.*$/, 'comment'],
        [/\(\*/, 'comment', '@comment'],
        [/"/, 'string', '@string'],
        [/\d+/, 'number'],
        [/[A-Za-z_][A-Za-z0-9_]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
        [/<-|=|<<|>>|[{}(),[\]]/, 'operator'],
      ],
      string: [
        [/[^\\"]+/, 'string'],
        [/\\./, 'string.escape'],
        [/"/, 'string', '@pop'],
      ],
      comment: [
        [/\(\*/, 'comment', '@push'],
        [/\*\)/, 'comment', '@pop'],
        [/[^(*]+/, 'comment'],
        [/[(*]/, 'comment'],
      ],
    },
  } as monaco.languages.IMonarchLanguage);

  monaco.languages.setLanguageConfiguration(PNET_ID, { comments: { lineComment: '#' } });
  monaco.languages.setMonarchTokensProvider(PNET_ID, {
    keywords: [
      'net',
      'place',
      'transition',
      'final',
      'name',
      'silent',
      'PLACE',
      'SAFE',
      'MARKING',
      'TRANSITION',
      'FAIR',
      'STRONG',
      'WEAK',
      'CONSUME',
      'PRODUCE',
    ],
    tokenizer: {
      root: [
        [/#.*$/, 'comment'],
        [/\/\/.*$/, 'comment'],
        [/\{[^}]*\}/, 'comment'],
        [/"[^"]*"/, 'string'],
        [/\d+/, 'number'],
        [/[A-Za-z_][\w.-]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
        [/->|[*=:,;]/, 'operator'],
      ],
    },
  } as monaco.languages.IMonarchLanguage);
}

/** Folding: block comments, the PlusCal algorithm, the translation, and multi-line definitions. */
export function tlaFolding(model: { getLineCount(): number; getLineContent(n: number): string }) {
  const ranges: { start: number; end: number; kind?: monaco.languages.FoldingRangeKind }[] = [];
  const n = model.getLineCount();
  const open: number[] = [];
  let algorithm = -1;
  let translation = -1;
  let defStart = -1;
  const closeDef = (line: number) => {
    let end = line;
    while (end > defStart && model.getLineContent(end).trim() === '') end--;
    if (defStart > 0 && end > defStart) ranges.push({ start: defStart, end });
    defStart = -1;
  };
  for (let i = 1; i <= n; i++) {
    const text = model.getLineContent(i);
    if (/BEGIN TRANSLATION/.test(text)) translation = i;
    if (/END TRANSLATION/.test(text) && translation > 0) {
      ranges.push({ start: translation, end: i, kind: monaco.languages.FoldingRangeKind.Region });
      translation = -1;
    }
    if (/--(fair\s+)?algorithm\b/.test(text)) algorithm = i;
    if (/end\s+algorithm/.test(text) && algorithm > 0) {
      ranges.push({ start: algorithm, end: i, kind: monaco.languages.FoldingRangeKind.Region });
      algorithm = -1;
    }
    // Block comments, nested, possibly several on a line.
    const stripped = text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\\\*.*$/, '');
    for (const m of stripped.matchAll(/\(\*|\*\)/g)) {
      if (m[0] === '(*') open.push(i);
      else {
        const start = open.pop();
        if (start !== undefined && i > start && open.length === 0)
          ranges.push({ start, end: i, kind: monaco.languages.FoldingRangeKind.Comment });
      }
    }
    if (open.length > 0) continue;
    // A definition starts at column 1 with `Name ... ==`; it runs until the next line at column 1.
    if (/^\S/.test(text)) {
      if (defStart > 0) closeDef(i - 1);
      if (/^[A-Za-z_][\w]*.*(==|≜)/.test(text)) defStart = i;
    }
  }
  if (defStart > 0) closeDef(n);
  return ranges;
}

export function languageOf(name: string): string {
  if (name.endsWith('.tla')) return TLA_ID;
  if (name.endsWith('.cfg')) return CFG_ID;
  if (/\.(pnml|xml)$/i.test(name)) return 'xml';
  if (/\.(pnet|net|lola)$/i.test(name)) return PNET_ID;
  if (/\.json$/i.test(name)) return 'json';
  return 'plaintext';
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  buildFormulaSpace,
  checkContestProperty,
  contestAnswer,
  decodeNetFile,
  type NetFormulaSpace,
  readNet,
  readPropertyXml,
} from '@modelcheck/petri';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from './support/corpus.js';

// Every row of ../shared/corpus/temporal/MANIFEST.tsv: 320 CTL and LTL formulas of the Model
// Checking Contest 2021 on five nets (128 to 20,754 markings), read from the contest's property XML
// and checked on the reachability graph; the verdict must be the MANIFEST's (the contest's oracle).
// All five nets are small enough for CI (the whole file runs in a few seconds), so none is gated.
const temporalCorpus = join(corpusRoot, 'temporal');
const manifestPath = join(temporalCorpus, 'MANIFEST.tsv');
const hasCorpus = existsSync(manifestPath);

interface Row {
  readonly xml: string;
  readonly id: string;
  readonly expected: string;
  readonly states: number;
}

function rows(): Row[] {
  const [, ...lines] = readFileSync(manifestPath, 'utf8').trimEnd().split('\n');
  return lines.map((line) => {
    const cells = line.split('\t');
    const [xml, id] = cells[0].split('#');
    return { xml, id, expected: cells[3], states: Number(cells[4]) };
  });
}

describe('MCC temporal corpus: every MANIFEST formula', () => {
  if (!hasCorpus) {
    it.skip(`needs ${manifestPath} (absent here): nothing to compare`, () => {});
    return;
  }
  const all = rows();
  const byFile = new Map<string, Row[]>();
  for (const r of all) byFile.set(r.xml, [...(byFile.get(r.xml) ?? []), r]);
  const spaces = new Map<string, NetFormulaSpace>();
  const spaceFor = (model: string) => {
    let space = spaces.get(model);
    if (!space) {
      const read = readNet(decodeNetFile(readFileSync(model)), model);
      expect(read.net, model).toBeDefined();
      space = buildFormulaSpace(read.net!);
      spaces.set(model, space);
    }
    return space;
  };
  const disagreements: string[] = [];
  let agreed = 0;

  it('the MANIFEST lists 320 formulas in 20 property files', () => {
    expect(all.length).toBe(320);
    expect(byFile.size).toBe(20);
  });

  for (const [xml, expected] of byFile) {
    it(xml, () => {
      const path = join(temporalCorpus, xml);
      const model = join(dirname(path), 'model.pnml');
      const space = spaceFor(model);
      expect(space.stopped).toBeUndefined();
      expect(space.markings).toBe(expected[0].states);
      const file = readPropertyXml(decodeNetFile(readFileSync(path)), path, space.net);
      expect(file.diagnostics).toEqual([]);
      const answers = new Map(
        file.properties.map((p) => [p.id, contestAnswer(checkContestProperty(space, p))]),
      );
      for (const row of expected) {
        const ours = answers.get(row.id);
        if (ours === row.expected) agreed++;
        else disagreements.push(`${row.id}: ours ${ours}, expected ${row.expected}`);
      }
      expect(disagreements.filter((d) => expected.some((r) => d.startsWith(`${r.id}:`)))).toEqual([]);
    });
  }

  it('agrees on all 320 verdicts', () => {
    expect(disagreements).toEqual([]);
    expect(agreed).toBe(320);
  });
});

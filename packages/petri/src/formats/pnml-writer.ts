import type { PetriNet } from '../model/net.js';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Writes a net as PNML 2009 (ISO/IEC 15909-2, P/T net type) with one page. Final markings go in
 * ProM's `<finalmarkings>` and invisible transitions get ProM's `$invisible$` activity, so that
 * reading the output gives the same net back.
 */
export function writePnml(net: PetriNet): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<pnml xmlns="http://www.pnml.org/version-2009/grammar/pnml">',
    `  <net id="${escapeXml(net.id)}" type="http://www.pnml.org/version-2009/grammar/ptnet">`,
  ];
  if (net.name !== undefined) out.push(`    <name><text>${escapeXml(net.name)}</text></name>`);
  out.push('    <page id="page0">');
  net.places.forEach((place, p) => {
    const name = place.name !== undefined ? `<name><text>${escapeXml(place.name)}</text></name>` : '';
    const tokens = net.initialMarking[p];
    const marking = tokens > 0 ? `<initialMarking><text>${tokens}</text></initialMarking>` : '';
    out.push(`      <place id="${escapeXml(place.id)}">${name}${marking}</place>`);
  });
  for (const transition of net.transitions) {
    const name =
      transition.name !== undefined ? `<name><text>${escapeXml(transition.name)}</text></name>` : '';
    const silent = transition.invisible
      ? '<toolspecific tool="ProM" version="6.4" activity="$invisible$"/>'
      : '';
    out.push(`      <transition id="${escapeXml(transition.id)}">${name}${silent}</transition>`);
  }
  let arc = 0;
  const weight = (w: number) => (w === 1 ? '' : `<inscription><text>${w}</text></inscription>`);
  net.transitions.forEach((transition, t) => {
    for (const a of net.pre[t])
      out.push(
        `      <arc id="a${arc++}" source="${escapeXml(net.places[a.place].id)}" target="${escapeXml(transition.id)}">${weight(a.weight)}</arc>`,
      );
    for (const a of net.post[t])
      out.push(
        `      <arc id="a${arc++}" source="${escapeXml(transition.id)}" target="${escapeXml(net.places[a.place].id)}">${weight(a.weight)}</arc>`,
      );
  });
  out.push('    </page>');
  if (net.finalMarkings.length > 0) {
    out.push('    <finalmarkings>');
    for (const marking of net.finalMarkings) {
      out.push('      <marking>');
      marking.forEach((n, p) => {
        if (n > 0)
          out.push(`        <place idref="${escapeXml(net.places[p].id)}"><text>${n}</text></place>`);
      });
      out.push('      </marking>');
    }
    out.push('    </finalmarkings>');
  }
  out.push('  </net>', '</pnml>', '');
  return out.join('\n');
}

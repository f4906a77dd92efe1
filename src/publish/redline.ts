import { diffWordsWithSpace } from 'diff';

/** A run of a word-level redline: text both sides share, text only the old one has, or only the new one. */
export interface RedlineSegment {
  type: 'equal' | 'removed' | 'added';
  text: string;
}

type Item = { eq: string } | { del: string; ins: string };

/**
 * A word-level redline of two texts. The diff package splits `99,9%` into `99` `,` `9` `%`;
 * a lawyer strikes whole words, so an edit inside a word is widened to the whole word
 * (`[-99,9%-]{+99,5%+}`, not `99,[-9-]{+5+}%`).
 */
export function redline(from: string, to: string): RedlineSegment[] {
  const items: Item[] = [];
  for (const c of diffWordsWithSpace(from, to)) {
    const last = items[items.length - 1];
    if (!c.added && !c.removed) items.push({ eq: c.value });
    else if (last && 'del' in last) {
      if (c.added) last.ins += c.value;
      else last.del += c.value;
    } else items.push(c.added ? { del: '', ins: c.value } : { del: c.value, ins: '' });
  }
  for (let k = 0; k < items.length; k++) {
    const change = items[k] as Item;
    if (!('del' in change)) continue;
    const prev = items[k - 1];
    const startsInWord = /^\S/.test(change.del) || /^\S/.test(change.ins);
    if (prev && 'eq' in prev && startsInWord) {
      const word = /\S+$/.exec(prev.eq)?.[0] ?? '';
      prev.eq = prev.eq.slice(0, prev.eq.length - word.length);
      change.del = word + change.del;
      change.ins = word + change.ins;
    }
    for (;;) {
      const next = items[k + 1];
      const endsInWord = /\S$/.test(change.del) || /\S$/.test(change.ins);
      if (!next || !('eq' in next) || !endsInWord) break;
      const word = /^\S+/.exec(next.eq)?.[0] ?? '';
      next.eq = next.eq.slice(word.length);
      change.del += word;
      change.ins += word;
      const after = items[k + 2];
      if (next.eq !== '' || !after || !('del' in after)) break;
      change.del += after.del;
      change.ins += after.ins;
      items.splice(k + 1, 2);
    }
  }
  const out: RedlineSegment[] = [];
  for (const item of items) {
    if ('eq' in item) {
      if (item.eq) out.push({ type: 'equal', text: item.eq });
      continue;
    }
    if (item.del) out.push({ type: 'removed', text: item.del });
    if (item.ins) out.push({ type: 'added', text: item.ins });
  }
  return out;
}

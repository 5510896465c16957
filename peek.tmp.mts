import { readFileSync } from 'node:fs';
import { openPlanFile } from './packages/documents/src/plan-import/plan-file.ts';
import { gridFromDocxTable } from './packages/documents/src/plan-import/grid.ts';
const f = process.argv[2];
const o = await openPlanFile(new Uint8Array(readFileSync('/work/wt/shared/real-documents/'+f)));
if (!o.ok || o.kind!=='docx') throw 1;
let t=0;
for (const b of o.body.blocks) {
  if (b.kind==='paragraph') { if (b.text.trim()) console.log('P:', b.text.slice(0,140)); }
  else { t++; const g = gridFromDocxTable(o.body.tables[b.table]!, t, 64); console.log(`T${t} ${g.width}x${g.slots.length}`); for (const [r,row] of g.slots.entries()) if (r<6) console.log('   ', row.map(c=>c?(c.row===r&&c.col===row.indexOf(c)?'':'^')+c.text.replace(/\n/g,'⏎').slice(0,25):'∅').join(' | ')); }
}

// Makes the golden files of the tokenizer tests with the reference: Hugging Face's Rust tokenizers through
// its Node binding @anush008/tokenizers (version pinned in package.json).
//
//   npm ci                                  (in this folder)
//   cmake -DMANIFEST=../../tests/data/tokenizers/manifest.json -DCACHE_DIR=/tmp/tokcache \
//         -P ../../tests/tokenizers/fetch_tokenizers.cmake
//   node make_golden.mjs /tmp/tokcache
//
// For every tokenizer (the real files named in the manifest, then tests/data/tokenizers/tiny/*.json) and
// every string of corpus.json it records: ids without and with the post-processor's special tokens, the
// decode of the ids, the decode with special tokens skipped, and the decode of the first half of the ids
// (which cuts characters apart and so checks the U+FFFD handling).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Tokenizer } = require('@anush008/tokenizers');
const refVersion = JSON.parse(fs.readFileSync(require.resolve('@anush008/tokenizers/package.json'), 'utf8')).version;

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(here, '..', '..', 'tests', 'data', 'tokenizers');
const cacheDir = process.argv[2];
if (!cacheDir) {
    console.error('usage: node make_golden.mjs <tokenizer cache dir>');
    process.exit(2);
}
const corpus = JSON.parse(fs.readFileSync(path.join(dataDir, 'corpus.json'), 'utf8')).strings;
const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, 'manifest.json'), 'utf8'));

const jobs = manifest.tokenizers.map(t => ({ name: t.name, file: path.join(cacheDir, t.name, 'tokenizer.json'), out: `golden_${t.name}.json` }));
const tinyDir = path.join(dataDir, 'tiny');
for (const f of fs.readdirSync(tinyDir).filter(f => f.endsWith('.json') && !f.startsWith('golden_')).sort())
    jobs.push({ name: 'tiny/' + f.replace(/\.json$/, ''), file: path.join(tinyDir, f), out: path.join('tiny', 'golden_' + f) });

for (const job of jobs) {
    const tok = Tokenizer.fromFile(job.file);
    const cases = [];
    let roundTrips = 0;
    for (const s of corpus) {
        const ids = (await tok.encode(s, null, { addSpecialTokens: false })).getIds();
        const idsSpecial = (await tok.encode(s, null, { addSpecialTokens: true })).getIds();
        const decoded = await tok.decode(ids, false);
        const c = { ids, decoded };
        if (JSON.stringify(idsSpecial) !== JSON.stringify(ids))
            c.ids_special = idsSpecial;
        c.decoded_skip_special = await tok.decode(idsSpecial, true);
        c.decoded_half = await tok.decode(ids.slice(0, Math.floor(ids.length / 2)), false);
        if (decoded === s)
            roundTrips++;
        cases.push(c);
    }
    const golden = { tokenizer: job.name, reference: `@anush008/tokenizers@${refVersion}`, corpus: 'corpus.json', cases };
    // One case per line keeps diffs readable.
    const text = '{"tokenizer": ' + JSON.stringify(golden.tokenizer) + ', "reference": ' + JSON.stringify(golden.reference)
        + ', "corpus": "corpus.json", "cases": [\n' + cases.map(c => JSON.stringify(c)).join(',\n') + '\n]}\n';
    fs.writeFileSync(path.join(dataDir, job.out), text);
    console.log(`${job.name}: ${cases.length} strings, ${roundTrips} decode back to the input -> ${job.out}`);
}

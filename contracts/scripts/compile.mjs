// Compiles every .sol file under <srcDir> with the pinned solc-js (contracts/node_modules/solc, 0.8.24) through the
// standard-JSON interface and writes <Contract>.abi and <Contract>.bin for each contract into <outDir>, which is what
// web3j's SolidityFunctionWrapperGenerator reads. Fails the build on any compiler error.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [srcDir, outDir] = process.argv.slice(2);
if (!srcDir || !outDir) {
  console.error('usage: node compile.mjs <srcDir> <outDir>');
  process.exit(2);
}
let solc;
try {
  solc = require('solc');
} catch (e) {
  console.error('solc not installed under contracts/node_modules: run scripts/setup');
  process.exit(1);
}
if (!solc.version().startsWith('0.8.24+')) {
  console.error(`solc 0.8.24 expected, found ${solc.version()}: run scripts/setup`);
  process.exit(1);
}
const sources = {};
for (const f of fs.readdirSync(srcDir).filter(f => f.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    // cancun is solc 0.8.24's default target and runs on Anvil 1.7.1; pinned so a solc bump cannot change bytecode
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input), {
  import: p => (fs.existsSync(path.join(srcDir, p))
    ? { contents: fs.readFileSync(path.join(srcDir, p), 'utf8') }
    : { error: `not found: ${p}` }),
}));
const errors = (output.errors || []).filter(e => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);
fs.mkdirSync(outDir, { recursive: true });
let n = 0;
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, c] of Object.entries(contracts)) {
    if (!c.evm.bytecode.object) continue; // interfaces have no bytecode and get no wrapper
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), c.evm.bytecode.object);
    n++;
  }
}
console.log(`solc ${solc.version()}: ${n} contracts -> ${outDir}`);

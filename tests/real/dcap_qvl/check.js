// Someone else's verifier judges the sim's TDX quotes: Phala's @phala/dcap-qvl
// (a JavaScript port of dcap-qvl, pinned in tests/real/sim_tdx_dcap_qvl.sh)
// verifies QUOTE against COLLATERAL (dcap-qvl's JSON form, as futeet-sim
// --collateral writes it) with ROOT as the only trusted root.
// usage: node check.js QUOTE COLLATERAL.json ROOT.der
// Prints "status S" (exit 0) or "refused: reason" (exit 1).
const fs = require('fs');
const { QuoteVerifier } = require('@phala/dcap-qvl');

const [quoteFile, collFile, rootFile] = process.argv.slice(2);
const quote = fs.readFileSync(quoteFile);
const coll = JSON.parse(fs.readFileSync(collFile, 'utf8'));
const root = fs.readFileSync(rootFile);
try {
    const r = QuoteVerifier.newWithRootCa(root).verify(quote, coll, Date.now() / 1000);
    console.log('status ' + r.status);
} catch (e) {
    console.log('refused: ' + e.message + (e.cause ? ' (' + e.cause.message + ')' : ''));
    process.exit(1);
}

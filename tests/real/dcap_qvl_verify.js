// Run @phala/dcap-qvl (installed under $BUILD/npm by scripts/setup-npm) on
// one quote with dcap-qvl's JSON collateral at a given unix time, and print
// one JSON line: {"ok":true,"status":...,"advisory_ids":[...]} or
// {"ok":false,"error":"..."}.
//   usage: node dcap_qvl_verify.js NPM_DIR QUOTE COLLATERAL_JSON NOW [ROOT_DER]
'use strict';
const fs = require('fs');
const path = require('path');
const [npmDir, quotePath, collPath, now, rootPath] = process.argv.slice(2);
const qvl = require(path.resolve(npmDir, 'node_modules/@phala/dcap-qvl'));
const quote = fs.readFileSync(quotePath);
const coll = JSON.parse(fs.readFileSync(collPath, 'utf-8'));
try {
	const v = rootPath ? qvl.QuoteVerifier.newWithRootCa(fs.readFileSync(rootPath))
			   : qvl.QuoteVerifier.newProd();
	const r = v.verify(quote, coll, Number(now));
	console.log(JSON.stringify({ ok: true, status: r.status, advisory_ids: r.advisory_ids }));
} catch (e) {
	console.log(JSON.stringify({ ok: false, error: String(e && e.message ? e.message : e) }));
}

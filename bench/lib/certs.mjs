// A throwaway CA and a `localhost` certificate (SAN DNS:localhost, IP:127.0.0.1) for the HTTPS upstream
// and the piping proxy's TLS listener, made with the openssl CLI in the run's temp dir.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './procs.mjs';

async function openssl(args) {
  const { code, stderr } = await runCommand('openssl', args);
  if (code !== 0) throw new Error(`openssl ${args[0]} failed: ${stderr.trim()}`);
}

/** Resolves with the paths { ca, cert, key } under `dir`. */
export async function makeBenchCertificates(dir) {
  const files = {
    ca: join(dir, 'bench-ca.pem'),
    caKey: join(dir, 'bench-ca.key'),
    cert: join(dir, 'localhost.pem'),
    key: join(dir, 'localhost.key'),
    csr: join(dir, 'localhost.csr'),
    ext: join(dir, 'localhost.ext'),
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await openssl(['req', '-x509', ...ec, '-keyout', files.caKey, '-out', files.ca, '-days', '2', '-subj', '/CN=Privacy Gateway bench CA']);
  await openssl(['req', ...ec, '-keyout', files.key, '-out', files.csr, '-subj', '/CN=localhost']);
  writeFileSync(files.ext, 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  await openssl(['x509', '-req', '-in', files.csr, '-CA', files.ca, '-CAkey', files.caKey, '-CAcreateserial', '-out', files.cert, '-days', '2', '-extfile', files.ext]);
  return { ca: files.ca, cert: files.cert, key: files.key };
}

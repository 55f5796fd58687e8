import { fileURLToPath } from 'url';

/** The file-system path of a file: URI, or undefined for other schemes (untitled:, vscode-vfs:). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

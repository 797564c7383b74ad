/** The one message the background sends to the compose script: insert this at the cursor. */
export interface InsertRequest {
  type: 'dav-bridge-insert';
  format: 'html' | 'text';
  content: string;
}

export function isInsertRequest(m: unknown): m is InsertRequest {
  const r = m as Partial<InsertRequest> | null;
  return (
    r?.type === 'dav-bridge-insert' && (r.format === 'html' || r.format === 'text') && typeof r.content === 'string'
  );
}

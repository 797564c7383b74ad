// The few Office.js declarations the pane uses (Office.js itself is loaded from Microsoft's CDN by taskpane.html).
declare namespace Office {
  enum CoercionType {
    Html = 'html',
    Text = 'text',
  }
  interface AsyncResult {
    status: 'succeeded' | 'failed';
    error?: { message: string };
  }
  interface Body {
    setSelectedDataAsync(
      data: string,
      options: { coercionType: CoercionType | 'html' },
      callback: (r: AsyncResult) => void,
    ): void;
  }
  interface Item {
    body?: Body;
  }
  const context: {
    displayLanguage?: string;
    mailbox?: { item?: Item };
  };
  function onReady(callback?: (info: { host: string | null }) => void): Promise<{ host: string | null }>;
  const actions: { associate(name: string, fn: (event: { completed(): void }) => void): void } | undefined;
}

// The few Office.js declarations the pane uses (Office.js itself is loaded from Microsoft's CDN by taskpane.html).
declare namespace Office {
  enum CoercionType {
    Html = 'html',
    Text = 'text',
  }
  interface AsyncResult<T = void> {
    status: 'succeeded' | 'failed';
    value?: T;
    error?: { name?: string; message: string };
  }
  interface Body {
    getTypeAsync?(callback: (r: AsyncResult<CoercionType | 'html' | 'text'>) => void): void;
    setSelectedDataAsync(
      data: string,
      options: { coercionType: CoercionType | 'html' | 'text' },
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

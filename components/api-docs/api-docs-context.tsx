"use client";

import { createContext, useContext, useState } from "react";

export type SnippetLanguage = "curl" | "javascript" | "python";

type ApiDocsState = {
  /** The key pasted into "Try it": React state only, so it is gone on reload and never written anywhere. */
  apiKey: string;
  setApiKey: (key: string) => void;
  language: SnippetLanguage;
  setLanguage: (language: SnippetLanguage) => void;
};

const ApiDocsContext = createContext<ApiDocsState | null>(null);

/**
 * What the docs page's operations share: the language of the snippets (pick once, every operation follows)
 * and the key pasted into any "Try it" (paste once, for this page view only). Deliberately no localStorage,
 * cookie or URL: a key is a password, and this page is often opened on a shared screen.
 */
export function ApiDocsProvider({ children }: { children: React.ReactNode }) {
  const [apiKey, setApiKey] = useState("");
  const [language, setLanguage] = useState<SnippetLanguage>("curl");
  return (
    <ApiDocsContext.Provider value={{ apiKey, setApiKey, language, setLanguage }}>{children}</ApiDocsContext.Provider>
  );
}

export function useApiDocs(): ApiDocsState {
  const state = useContext(ApiDocsContext);
  if (!state) throw new Error("useApiDocs outside ApiDocsProvider");
  return state;
}

/** A failure the person must read (announced at once), or nothing. */
export function ErrorMessage({ text }: { text: string }) {
  if (!text) return null;
  return (
    <p class="error" role="alert">
      {text}
    </p>
  );
}

/** A confirmation (announced politely), or nothing. */
export function SuccessMessage({ text }: { text: string }) {
  if (!text) return null;
  return (
    <p class="success" role="status">
      {text}
    </p>
  );
}

/** A specific, announced error message under a form (role=alert reads it out once). */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="form-error" role="alert" data-testid="form-error">
      {message}
    </p>
  );
}

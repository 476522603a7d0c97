/** Offers a new version of the site that is ready: the page reloads into it when accepted. */
export function UpdateNotice({ onUpdate, onLater }: { onUpdate: () => void; onLater: () => void }) {
  return (
    <div className="worker-notice update-notice" role="status" data-testid="update-notice">
      <p>A new version of meshpath is ready. Updating reloads the page; what is in the address is kept.</p>
      <button type="button" onClick={onUpdate}>
        Update now
      </button>
      <button type="button" onClick={onLater}>
        Later
      </button>
    </div>
  );
}

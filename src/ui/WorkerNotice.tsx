import { workerMessage } from './workerMessage';

/** Says that a worker stopped answering and was restarted, until dismissed. */
export function WorkerNotice({ text, onDismiss }: { text: string; onDismiss: () => void }) {
  return (
    <div className="worker-notice" role="status" data-testid="worker-notice">
      <p>{workerMessage(text)}</p>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

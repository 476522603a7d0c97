import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';

/** The keyboard shortcut sheet ("?"), a modal dialog that returns focus where it was. */
export function ShortcutSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    } else if (!open && d.open) {
      if (typeof d.close === 'function') d.close();
      else d.removeAttribute('open');
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="sim-sheet"
      aria-labelledby="sim-sheet-h"
      onClose={onClose}
      onCancel={onClose}
    >
      <h2 id="sim-sheet-h">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.label}>
              <th scope="row">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </th>
              <td>{s.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Shortcuts work anywhere on the page except while typing in a field.</p>
      <button type="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}

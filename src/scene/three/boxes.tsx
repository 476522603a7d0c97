import {
  createContext,
  useContext,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import * as THREE from 'three';
import type { Vec3 } from '../layout';

export interface Box {
  pos: Vec3;
  size: Vec3;
  color?: string;
}

export const unitBox = new THREE.BoxGeometry(1, 1, 1);

/**
 * Opaque boxes drawn together: every opaque <Boxes> inside a <BoxBatch> becomes instances of one
 * instanced mesh with a colour per instance — one draw call for kernels, NICs, hooks, pods, apps and
 * proxies instead of one each. See-through boxes (platforms) keep their own mesh, drawn after the
 * opaque ones. A click on a batched box goes to the <Boxes> it came from.
 */
interface BoxGroup {
  items: readonly Box[];
  color: string;
  pick: RefObject<((i: number) => void) | undefined>;
}

interface Batch {
  set(id: string, group: BoxGroup | null): void;
}

const BatchContext = createContext<Batch | null>(null);

export function BoxBatch({ children }: { children: ReactNode }) {
  const [groups, setGroups] = useState<ReadonlyMap<string, BoxGroup>>(() => new Map());
  const batch = useMemo<Batch>(
    () => ({
      set: (id, group) =>
        setGroups((prev) => {
          if (!group && !prev.has(id)) return prev;
          const next = new Map(prev);
          if (group) next.set(id, group);
          else next.delete(id);
          return next;
        }),
    }),
    [],
  );
  const flat = useMemo(() => {
    const boxes: Box[] = [];
    const owner: Array<{ group: BoxGroup; index: number }> = [];
    for (const g of groups.values())
      g.items.forEach((b, index) => {
        boxes.push({ pos: b.pos, size: b.size, color: b.color ?? g.color });
        owner.push({ group: g, index });
      });
    return { boxes, owner };
  }, [groups]);
  const ref = useRef<THREE.InstancedMesh>(null);
  useLayoutEffect(() => {
    const m = ref.current;
    if (!m) return;
    writeBoxes(m, flat.boxes, '#ffffff', true);
  }, [flat]);
  return (
    <BatchContext.Provider value={batch}>
      {children}
      {flat.boxes.length > 0 && (
        <instancedMesh
          key={flat.boxes.length}
          ref={ref}
          name="boxes"
          args={[unitBox, undefined, flat.boxes.length]}
          onClick={(e) => {
            const o = e.instanceId !== undefined ? flat.owner[e.instanceId] : undefined;
            const pick = o?.group.pick.current;
            // Boxes nobody picks (NICs) let the click through to what lies behind, as before batching.
            if (!o || !pick) return;
            e.stopPropagation();
            pick(o.index);
          }}
        >
          <meshLambertMaterial color="#ffffff" />
        </instancedMesh>
      )}
    </BatchContext.Provider>
  );
}

function writeBoxes(
  m: THREE.InstancedMesh,
  items: readonly Box[],
  color: string,
  perInstance: boolean,
): void {
  const mat = new THREE.Matrix4();
  const c = new THREE.Color();
  items.forEach((b, i) => {
    mat.makeScale(b.size[0], b.size[1], b.size[2]);
    mat.setPosition(b.pos[0], b.pos[1], b.pos[2]);
    m.setMatrixAt(i, mat);
    if (perInstance) m.setColorAt(i, c.set(b.color ?? color));
  });
  m.instanceMatrix.needsUpdate = true;
  if (m.instanceColor) m.instanceColor.needsUpdate = true;
  m.computeBoundingSphere();
}

export function Boxes({
  items,
  color,
  name,
  onPick,
  opacity = 1,
}: {
  items: Box[];
  color: string;
  name: string;
  onPick?: (i: number) => void;
  opacity?: number;
}) {
  const batch = useContext(BatchContext);
  const batched = batch !== null && opacity >= 1;
  const id = useId();
  const pick = useRef(onPick);
  pick.current = onPick;
  useLayoutEffect(() => {
    if (!batched) return;
    batch.set(id, { items, color, pick });
    return () => batch.set(id, null);
  }, [batch, batched, id, items, color]);
  const ref = useRef<THREE.InstancedMesh>(null);
  const perInstance = items.some((b) => b.color);
  useLayoutEffect(() => {
    const m = ref.current;
    if (m) writeBoxes(m, items, color, perInstance);
  }, [items, color, perInstance]);
  if (batched || !items.length) return null;
  return (
    <instancedMesh
      key={items.length}
      ref={ref}
      name={name}
      args={[unitBox, undefined, items.length]}
      onClick={
        onPick
          ? (e) => {
              e.stopPropagation();
              if (e.instanceId !== undefined) onPick(e.instanceId);
            }
          : undefined
      }
    >
      <meshLambertMaterial
        color={perInstance ? '#ffffff' : color}
        transparent={opacity < 1}
        opacity={opacity}
        depthWrite={opacity >= 1}
      />
    </instancedMesh>
  );
}

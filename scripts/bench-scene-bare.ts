/**
 * The bare three.js pages the scene benchmark (bench-scene.ts) compares the Simulate page with:
 * plain instanced meshes, no React, no labels, nothing else drawn.
 */

/** n instanced octahedra moved every frame on a w×h canvas (the packet-count rows). */
export const BARE_HTML = (
  n: number,
  w: number,
  h: number,
) => `<!doctype html><meta charset="utf-8"><title>bare</title>
<body style="margin:0;background:#11151c"><canvas id="c" style="width:${w}px;height:${h}px"></canvas>
<script type="module">
import * as THREE from '/__bench/three.module.js';
const n = ${n};
const canvas = document.getElementById('c');
const renderer = new THREE.WebGLRenderer({ canvas, antialias: false });
renderer.setPixelRatio(1);
renderer.setSize(${w}, ${h}, false);
const scene = new THREE.Scene();
scene.background = new THREE.Color('#11151c');
const camera = new THREE.PerspectiveCamera(45, ${w} / ${h}, 0.1, 500);
camera.position.set(14, 14, 26);
camera.lookAt(14, 0, 8);
scene.add(new THREE.AmbientLight(0xffffff, 1.1));
const sun = new THREE.DirectionalLight(0xffffff, 1.6);
sun.position.set(10, 30, 20);
scene.add(sun);
const mesh = new THREE.InstancedMesh(new THREE.OctahedronGeometry(1, 0), new THREE.MeshLambertMaterial({ color: '#ffffff' }), n);
mesh.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(n * 3).fill(0.5), 3);
mesh.frustumCulled = false;
scene.add(mesh);
const probe = (window.__bare = { frames: 0, updateMs: 0, updates: 0 });
function frame(now) {
  const t0 = performance.now();
  const a = mesh.instanceMatrix.array;
  const c = mesh.instanceColor.array;
  for (let i = 0; i < n; i++) {
    const o = i * 16;
    const ph = (now / 2000 + i / n) % 1;
    a[o] = 0.3; a[o + 5] = 0.5; a[o + 10] = 0.3; a[o + 15] = 1;
    a[o + 12] = (i % 40) * 0.7 + ph; a[o + 13] = 0.5; a[o + 14] = Math.floor(i / 40) * 0.35;
    c[i * 3] = 0.18; c[i * 3 + 1] = 0.48; c[i * 3 + 2] = 0.96;
  }
  mesh.count = n;
  mesh.instanceMatrix.needsUpdate = true;
  mesh.instanceColor.needsUpdate = true;
  probe.updateMs += performance.now() - t0;
  probe.updates++;
  renderer.render(scene, camera);
  probe.frames++;
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
</script>`;

/**
 * A bare three.js page drawing `boxes` static instanced boxes (as many as the real page drew, spread
 * over a grid like a cluster seen from an overview) and `packets` octahedra moved every frame, with
 * the same lights and material kind, on a canvas w×h: the floor our page's frame rate is compared to.
 */
export const BARE_SCENE_HTML = (
  boxes: number,
  packets: number,
  w: number,
  h: number,
) => `<!doctype html><meta charset="utf-8"><title>bare scene</title>
<body style="margin:0;background:#11151c"><canvas id="c" style="width:${w}px;height:${h}px"></canvas>
<script type="module">
import * as THREE from '/__bench/three.module.js';
const nb = ${boxes}, np = Math.max(1, ${packets});
const canvas = document.getElementById('c');
const renderer = new THREE.WebGLRenderer({ canvas, antialias: false });
renderer.setPixelRatio(1);
renderer.setSize(${w}, ${h}, false);
const scene = new THREE.Scene();
scene.background = new THREE.Color('#11151c');
const side = Math.ceil(Math.sqrt(Math.max(1, nb)));
const camera = new THREE.PerspectiveCamera(45, ${w} / ${h}, 0.1, 1000);
camera.position.set(side * 0.6, side * 1.1, side * 1.5);
camera.lookAt(side * 0.6, 0, side * 0.6);
scene.add(new THREE.AmbientLight(0xffffff, 1.1));
const sun = new THREE.DirectionalLight(0xffffff, 1.6);
sun.position.set(10, 30, 20);
scene.add(sun);
const box = new THREE.InstancedMesh(new THREE.BoxGeometry(1, 1, 1), new THREE.MeshLambertMaterial({ color: '#ffffff' }), Math.max(1, nb));
const m = new THREE.Matrix4();
const c = new THREE.Color('#4aa3df');
for (let i = 0; i < nb; i++) {
  m.makeScale(0.8, 0.8, 0.8);
  m.setPosition((i % side) * 1.2, 0.4, Math.floor(i / side) * 1.2);
  box.setMatrixAt(i, m);
  box.setColorAt(i, c);
}
box.count = nb;
scene.add(box);
const mesh = new THREE.InstancedMesh(new THREE.OctahedronGeometry(1, 0), new THREE.MeshLambertMaterial({ color: '#ffffff' }), np);
mesh.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(np * 3).fill(0.5), 3);
mesh.frustumCulled = false;
scene.add(mesh);
const probe = (window.__bare = { frames: 0, updateMs: 0, updates: 0 });
function frame(now) {
  const t0 = performance.now();
  const a = mesh.instanceMatrix.array;
  for (let i = 0; i < np; i++) {
    const o = i * 16;
    const ph = (now / 2000 + i / np) % 1;
    a[o] = 0.5; a[o + 5] = 0.9; a[o + 10] = 0.5; a[o + 15] = 1;
    a[o + 12] = (i % side) * 1.2 + ph * 1.2; a[o + 13] = 1.2; a[o + 14] = Math.floor(i / side) * 1.2;
  }
  mesh.count = ${packets};
  mesh.instanceMatrix.needsUpdate = true;
  probe.updateMs += performance.now() - t0;
  probe.updates++;
  renderer.render(scene, camera);
  probe.frames++;
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
</script>`;

import { compileScenario } from '../engine';
import type { ArchitectureId } from '../model/architecture';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS, type ScenarioPresetId } from '../model/presets';
import { ScenarioSchema } from '../model/scenario';
import { computeLayout, type SceneLayout } from '../scene/layout';
import { overviewPose } from '../scene/overview';
import { pathOverlayBox } from '../scene/sceneLabels';
import { projector, type Projector } from '../scene/screen';
import { buildLayout } from '../worker/trace/layoutData';
import type { TraceLayout } from '../worker/trace/protocol';
import { shippedModels } from '../model/models';

/**
 * Test fixtures for the scene at scale: every shipped preset's layout (compiled, not run: the picture
 * depends on the topology only) and the
 * overview camera on the canvases the Simulate page has at 1280×800, 1024×768, 1920×1080 and on a tall
 * 1280×1400 screen (measured in Chromium: the picture is 798×496, 582×476, 1225×670 and 798×800 px).
 */
export const CANVASES = [
  { name: '1280×800', width: 798, height: 496 },
  { name: '1024×768', width: 582, height: 476 },
  { name: '1920×1080', width: 1225, height: 670 },
  { name: '1280×1400', width: 798, height: 800 },
] as const;

/** Designs whose pictures differ most: sidecars, node proxies, a waypoint pod. */
export const DESIGNS = ['sidecar-envoy', 'ambient', 'ambient-waypoint'] as const;

const cache = new Map<string, SceneLayout>();

export function presetScene(preset: ScenarioPresetId, arch: string): SceneLayout {
  const key = `${preset}/${arch}`;
  let s = cache.get(key);
  if (!s) {
    const scenario = ScenarioSchema.parse(SCENARIO_PRESETS[preset]);
    const compiled = compileScenario(scenario, arch as ArchitectureId, shippedModels());
    s = computeLayout(buildLayout(scenario, compiled) as TraceLayout);
    cache.set(key, s);
  }
  return s;
}

/** The overview camera as CameraRig places it: fitted above the path overlay's band. */
export function overviewView(s: SceneLayout, width: number, height: number): Projector {
  const band = pathOverlayBox(width, height).h / height;
  return projector({ ...overviewPose(s.bounds, width / height, 45, band), fovDeg: 45, width, height });
}

/**
 * Presets the scene does not draw with every node named: large-mesh's 100 nodes stand closer on screen
 * than their names are wide, so every k-th is named (sceneLabels.test.ts checks that); a level of detail
 * above the node (rows or zones aggregated) would be the next step, tracked with the big-mesh issue.
 */
export const SCENE_NOT_YET = ['large-mesh'] as const;

/** Every (preset, design, canvas) the checks run over. */
export const SCALE_CASES = SCENARIO_PRESET_IDS.filter(
  (p) => !(SCENE_NOT_YET as readonly string[]).includes(p),
).flatMap((preset) => DESIGNS.flatMap((arch) => CANVASES.map((c) => ({ preset, arch, ...c }))));

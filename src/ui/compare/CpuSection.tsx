import { Fold } from './Fold';
import { ScrollBox } from './ScrollBox';
import { BarChart } from './charts/BarChart';
import { vcpu, type Figures } from './figures';
import { NumButton, type Select } from './NumButton';
import { withPanelBoundary } from '../PanelBoundary';
import { Term } from '../glossary/GlossaryTerm';

interface Cpu {
  container: number;
  kernel: number;
  components: { component: string; container: number; kernel: number }[];
}

function cpuOf(f: Figures, simulated: boolean): Cpu | undefined {
  if (simulated && f.simulated?.cpuTotal && f.simulated.cpu) {
    return {
      container: f.simulated.cpuTotal.container.mean,
      kernel: f.simulated.cpuTotal.kernel.mean,
      components: f.simulated.cpu.map((c) => ({
        component: c.component,
        container: c.container.mean,
        kernel: c.kernel.mean,
      })),
    };
  }
  if (f.estimate?.cpuTotal && f.estimate.cpu) return { ...f.estimate.cpuTotal, components: f.estimate.cpu };
  return undefined;
}

/** CPU per 1000 rps: what `kubectl top` shows (container) and the total with kernel work. */
function CpuSectionView({
  figures,
  simulated,
  onSelect,
}: {
  figures: Figures[];
  simulated: boolean;
  onSelect: Select;
}) {
  const source = simulated ? 'simulated' : 'analytic estimate';
  return (
    <section aria-labelledby="cpu-heading" className="result-section">
      <h3 id="cpu-heading">
        CPU per <Term id="vcpu-per-1000-rps">1000 requests per second</Term>
      </h3>
      <p className="hint">
        vCPU used per 1000 rps of throughput, by every component on the path (application, proxies, kernel).
        “Container” is what{' '}
        <Term id="kubectl-top">
          <code>kubectl top</code>
        </Term>{' '}
        shows; <Term id="cpu-accounting">kernel work</Term> (softirq, <Term id="netfilter">netfilter</Term>,{' '}
        <Term id="ebpf">eBPF</Term>, kernel crypto) is billed to no pod.
      </p>
      <div className="chart-and-table">
        <BarChart
          title={`vCPU per 1000 rps, container and kernel (${source})`}
          description="One stacked bar per architecture: container CPU then kernel CPU."
          series={[
            { key: 'container', label: 'container (kubectl top)', color: 4 },
            { key: 'kernel', label: 'kernel', color: 'component/kernel-part' },
          ]}
          stacked
          rows={figures.map((f) => {
            const c = cpuOf(f, simulated);
            return {
              id: f.id,
              label: f.name,
              note: f.unsupported ? 'cannot run this scenario' : undefined,
              values: c ? { container: { value: c.container }, kernel: { value: c.kernel } } : {},
            };
          })}
          format={vcpu}
          unit="vCPU"
          onSelect={(id, key) =>
            onSelect({
              architecture: id as Figures['id'],
              focus: { kind: 'cpu-class', cpuClass: key as 'container' | 'kernel', label: `${key} CPU` },
            })
          }
        />
        <Fold summary="Table: CPU per 1000 rps">
          <ScrollBox label="CPU per 1000 rps, table">
            <table className="figures" data-testid="cpu-table">
              <caption>vCPU per 1000 rps ({source})</caption>
              <thead>
                <tr>
                  <th scope="col">Architecture</th>
                  <th scope="col">container (kubectl top)</th>
                  <th scope="col">kernel</th>
                  <th scope="col">total</th>
                  <th scope="col">by component (container + kernel)</th>
                </tr>
              </thead>
              <tbody>
                {figures
                  .filter((f) => !f.unsupported)
                  .map((f) => {
                    const c = cpuOf(f, simulated);
                    if (!c) return null;
                    const pick = (cls: 'container' | 'kernel') => () =>
                      onSelect({
                        architecture: f.id,
                        focus: { kind: 'cpu-class', cpuClass: cls, label: `${cls} CPU` },
                      });
                    return (
                      <tr key={f.id} data-arch={f.id}>
                        <th scope="row">{f.name}</th>
                        <td data-stat="container">
                          <NumButton
                            label={`${f.name} container ${vcpu(c.container)} vCPU per 1000 rps: show the hops and sources`}
                            onClick={pick('container')}
                          >
                            {vcpu(c.container)}
                          </NumButton>
                        </td>
                        <td data-stat="kernel">
                          <NumButton
                            label={`${f.name} kernel ${vcpu(c.kernel)} vCPU per 1000 rps: show the hops and sources`}
                            onClick={pick('kernel')}
                          >
                            {vcpu(c.kernel)}
                          </NumButton>
                        </td>
                        <td data-stat="total">{vcpu(c.container + c.kernel)}</td>
                        <td>
                          {c.components
                            .filter((x) => x.container + x.kernel > 0)
                            .map((x, i) => (
                              <span key={x.component}>
                                {i > 0 && ' · '}
                                <NumButton
                                  label={`${f.name} ${x.component} ${vcpu(x.container + x.kernel)} vCPU per 1000 rps: show the hops and sources`}
                                  onClick={() =>
                                    onSelect({
                                      architecture: f.id,
                                      focus: {
                                        kind: 'component',
                                        component: x.component,
                                        label: `${x.component} CPU`,
                                      },
                                    })
                                  }
                                >
                                  {x.component} {vcpu(x.container + x.kernel)}
                                </NumButton>
                              </span>
                            ))}
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </ScrollBox>
        </Fold>
      </div>
    </section>
  );
}

/** The CPU section in its own error boundary: if it fails to render, its box says so and the page goes on. */
export const CpuSection = withPanelBoundary('CPU section', CpuSectionView);

// Wires the Simulate page to its engine worker client and models (replaced by the Simulate work).
export function SimulatePageRoute(_props: { params: URLSearchParams }) {
  return (
    <main>
      <h1>Simulate</h1>
    </main>
  );
}

// Wires the Compare page to its engine worker client and models (replaced by the Compare work).
export function ComparePageRoute(_props: { params: URLSearchParams }) {
  return (
    <main>
      <h1>Compare</h1>
    </main>
  );
}

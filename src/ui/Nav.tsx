/** Top navigation between the app's pages (hash links: work offline and from any subpath). */
export function Nav({ current }: { current: string }) {
  const link = (name: string, href: string, label: string) => (
    <li>
      <a href={href} aria-current={current === name ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <nav aria-label="Main">
      <ul className="nav">
        {link('home', '#/', 'meshpath')}
        {link('lessons', '#/lessons', 'Lessons')}
        {link('simulate', '#/simulate', 'Simulate')}
        {link('compare', '#/compare', 'Compare')}
        {link('engine', '#/engine', 'Engine check')}
        {link('sources', '#/sources', 'Sources')}
      </ul>
    </nav>
  );
}

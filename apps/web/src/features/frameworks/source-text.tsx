/** A cited source: a link when it is a web address, the citation text otherwise (e.g. "github:owner/repo@sha:path"). */
export function SourceText({ source }: { source: string }) {
  if (/^https?:\/\//i.test(source)) {
    return (
      <a href={source} target="_blank" rel="noreferrer noopener" className="source-link">
        {source}
      </a>
    );
  }
  return <span className="source-text">{source}</span>;
}

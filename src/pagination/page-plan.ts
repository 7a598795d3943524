/**
 * Which vendor pages to fetch for the window [offset, offset + count) of a page-numbered list.
 *
 * A vendor that pages by number lets us choose the page size per call, so we pick the smallest size (at least
 * `count`, at most the vendor's maximum) for which the whole window falls inside one page: one call, however
 * deep the window. When no size fits (the window straddles every boundary), a page size of `count` covers it
 * with two pages. Windows larger than the vendor's maximum take consecutive maximum-size pages.
 */
export interface PagePlan {
  pageSize: number;
  /** 1-based page numbers, ascending. */
  pages: number[];
}

export function planPages(offset: number, count: number, maxPageSize: number): PagePlan {
  if (count <= 0) return { pageSize: Math.min(Math.max(1, count), maxPageSize), pages: [] };
  const last = offset + count - 1;
  if (count <= maxPageSize) {
    for (let size = count; size <= maxPageSize; size++) {
      if (Math.floor(offset / size) === Math.floor(last / size)) {
        return { pageSize: size, pages: [Math.floor(offset / size) + 1] };
      }
    }
    return { pageSize: count, pages: [Math.floor(offset / count) + 1, Math.floor(last / count) + 1] };
  }
  const pages: number[] = [];
  for (let p = Math.floor(offset / maxPageSize); p <= Math.floor(last / maxPageSize); p++) pages.push(p + 1);
  return { pageSize: maxPageSize, pages };
}

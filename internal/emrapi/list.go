package emrapi

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"strconv"
)

// maxPages stops a walk whose answers never end (a server that ignores PageNumber): at the default
// page size that is a million objects, far beyond any account.
const maxPages = 10000

// pageInfo is the paging envelope of the List* answers.
type pageInfo struct {
	PageNumber flexInt64 `json:"PageNumber"`
	PageSize   flexInt64 `json:"PageSize"`
	Total      flexInt64 `json:"Total"`
}

func (p *pageInfo) info() *pageInfo { return p }

type page interface{ info() *pageInfo }

// listAll walks every page of a List* action and returns all their objects (see pages).
func listAll[P any, PP interface {
	*P
	page
}, T any](ctx context.Context, c *Client, base *call, pageSize int, items func(*P) []T) ([]T, error) {
	return collect(pages[P, PP](ctx, c, base, pageSize, items))
}

// convertItems turns the decoded items of one page into the package's objects, in the API's order.
// A List* answer of one project's objects names the project in each item, but nothing promises it:
// its conversion fills in the project asked for (cmp.Or) where an item leaves it out.
func convertItems[J, T any](items []J, conv func(*J) T) []T {
	out := make([]T, 0, len(items))
	for i := range items {
		out = append(out, conv(&items[i]))
	}
	return out
}

// collect gathers every object of a page walk (see pages).
func collect[T any](seq iter.Seq2[[]T, error]) ([]T, error) {
	var all []T
	for got, err := range seq {
		if err != nil {
			return nil, err
		}
		all = append(all, got...)
	}
	return all, nil
}

// pages walks the pages of a List* action one request at a time, yielding each page's objects as
// it arrives, so that a caller streaming results (a list resource) shows the first page before the
// last one is asked for, and stops asking once it has enough. base holds the filters; items
// extracts a page's objects. The walk stops at an empty page, once Total objects have been seen,
// or (when the answer gives no Total) at the first short page. An error is yielded once, last.
func pages[P any, PP interface {
	*P
	page
}, T any](ctx context.Context, c *Client, base *call, pageSize int, items func(*P) []T) iter.Seq2[[]T, error] {
	if pageSize <= 0 {
		pageSize = DefaultPageSize
	}
	return func(yield func([]T, error) bool) {
		seen := 0
		for n := 1; n <= maxPages; n++ {
			cl := &call{action: base.action, kind: base.kind, query: maps.Clone(base.query), form: maps.Clone(base.form)}
			cl.set("PageNumber", strconv.Itoa(n)).set("PageSize", strconv.Itoa(pageSize))
			var p P
			if err := c.do(ctx, cl, &p); err != nil {
				yield(nil, err)
				return
			}
			got := items(&p)
			seen += len(got)
			info := PP(&p).info()
			// The server may cap the page size below the one asked for: trust its own.
			size := pageSize
			if info.PageSize > 0 {
				size = int(info.PageSize)
			}
			if len(got) > 0 && !yield(got, nil) {
				return
			}
			switch total := int(info.Total); {
			case len(got) == 0:
				return
			case total > 0 && seen >= total:
				return
			case total <= 0 && len(got) < size:
				return
			}
		}
		yield(nil, fmt.Errorf("%s: more than %d pages: the answers never end", base.action, maxPages))
	}
}

// findOne picks the object whose name is exactly name (a List filter may match more loosely).
func findOne[T any](list []T, kind, name string, nameOf func(T) string) (*T, error) {
	var found []T
	for _, x := range list {
		if nameOf(x) == name {
			found = append(found, x)
		}
	}
	switch len(found) {
	case 0:
		return nil, &NotFoundError{Kind: kind, Name: name}
	case 1:
		return &found[0], nil
	default:
		return nil, fmt.Errorf("%d %ss are named %q, expected at most one", len(found), kind, name)
	}
}

package emrapi

import (
	"context"
	"fmt"
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

// listAll walks every page of a List* action: base holds the filters; items extracts a page's
// objects. It stops at an empty page, once Total objects have been seen, or (when the answer
// gives no Total) at the first short page.
func listAll[P any, PP interface {
	*P
	page
}, T any](ctx context.Context, c *Client, base *call, pageSize int, items func(*P) []T) ([]T, error) {
	if pageSize <= 0 {
		pageSize = DefaultPageSize
	}
	var all []T
	for n := 1; n <= maxPages; n++ {
		cl := &call{action: base.action, kind: base.kind, region: base.region, query: maps.Clone(base.query), form: maps.Clone(base.form)}
		cl.set("PageNumber", strconv.Itoa(n)).set("PageSize", strconv.Itoa(pageSize))
		var p P
		if err := c.do(ctx, cl, &p); err != nil {
			return nil, err
		}
		got := items(&p)
		all = append(all, got...)
		info := PP(&p).info()
		// The server may cap the page size below the one asked for: trust its own.
		size := pageSize
		if info.PageSize > 0 {
			size = int(info.PageSize)
		}
		switch total := int(info.Total); {
		case len(got) == 0:
			return all, nil
		case total > 0 && len(all) >= total:
			return all, nil
		case total <= 0 && len(got) < size:
			return all, nil
		}
	}
	return nil, fmt.Errorf("%s: more than %d pages: the answers never end", base.action, maxPages)
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

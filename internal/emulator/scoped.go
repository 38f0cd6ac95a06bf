package emulator

// The actions on the objects that live in a project (flows, jobs, folders, runs, cluster settings,
// members) address them the same way: by the project and the object's key, the project checked
// first (its not-found is the answer when both are missing), and an object of another project
// does not exist here. These helpers hold that shape once; the actions give what is particular.

// finder returns the object id names in project projectID, or the API's not-found error.
type finder[T any] func(st *state, c *call, projectID, id string) (*T, *apiError)

// address says which parameters of a call name its object (in the order the action requires
// them, which decides which missing one is told) and finds the object they name.
type address[T any] struct {
	params []string
	find   func(st *state, c *call) (*T, *apiError)
}

// byID addresses an object by Id within ProjectId, as the Describe, Modify and Delete actions of
// flows, jobs, folders and flow instances do.
func byID[T any](of finder[T]) address[T] {
	return byParam("Id", of, "Id", "ProjectId")
}

// byParam addresses an object by the parameter key within ProjectId, the parameters required in
// the order given.
func byParam[T any](key string, of finder[T], params ...string) address[T] {
	return address[T]{params: params, find: func(st *state, c *call) (*T, *apiError) {
		return of(st, c, c.p.get("ProjectId"), c.p.get(key))
	}}
}

// inProject finds objs[key] in project projectID: owner says which project an object is in, and
// notFound is the family's documented not-found answer.
func inProject[T any](st *state, c *call, objs map[string]*T, projectID, key string, owner func(*T) string, notFound func(string) *apiError) (*T, *apiError) {
	if _, err := projectOf(st, c, projectID); err != nil {
		return nil, err
	}
	obj := objs[key]
	if obj == nil || owner(obj) != projectID {
		return nil, notFound(key)
	}
	return obj, nil
}

// describeInProject answers a Describe* action: answer renders the object at (with the state, for
// what it refers to), under the read lock.
func describeInProject[T, R any](s *Server, c *call, at address[T], answer func(st *state, obj *T) R) (any, *apiError) {
	if err := c.p.requireAll(at.params...); err != nil {
		return nil, err
	}
	var resp R
	aerr := s.view(func(st *state) *apiError {
		obj, err := at.find(st, c)
		if err != nil {
			return err
		}
		resp = answer(st, obj)
		return nil
	})
	if aerr != nil {
		return nil, aerr
	}
	return resp, nil
}

// changeInProject answers a Modify* or Delete* action: change validates and applies the change
// to the object at, under the write lock (see Server.update: it must check everything before it
// changes anything), and the answer is Data: true.
func changeInProject[T any](s *Server, c *call, at address[T], change func(st *state, obj *T) *apiError) (any, *apiError) {
	if err := c.p.requireAll(at.params...); err != nil {
		return nil, err
	}
	aerr := s.update(func(st *state) *apiError {
		obj, err := at.find(st, c)
		if err != nil {
			return err
		}
		return change(st, obj)
	})
	if aerr != nil {
		return nil, aerr
	}
	return dataResponse{RequestID: c.requestID, Data: true}, nil
}

// createInProject answers a Create* action of an object of project projectID: under the write
// lock the project is checked first, then check validates the object given its new id (prefix and
// random digits), and add stores it with its sequence number and creation time. The answer is the
// new id.
func (s *Server) createInProject(c *call, projectID, prefix string, check func(st *state, id string) *apiError, add func(st *state, seq, now int64)) (any, *apiError) {
	var id string
	aerr := s.update(func(st *state) *apiError {
		if _, err := projectOf(st, c, projectID); err != nil {
			return err
		}
		id = st.newID(prefix)
		if err := check(st, id); err != nil {
			return err
		}
		add(st, st.nextSeq(), millis(c))
		return nil
	})
	if aerr != nil {
		return nil, aerr
	}
	return idResponse{RequestID: c.requestID, ID: id}, nil
}

// pageInProject answers a List* action of what a project holds, without filters: all gives the
// project's objects in their order, and render writes one page of them, with the paging fields,
// into the answer.
func pageInProject[T any](s *Server, c *call, all func(st *state, projectID string) []*T, render func(pr pageResponse, page []*T)) *apiError {
	projectID, aerr := c.p.required("ProjectId")
	if aerr != nil {
		return aerr
	}
	pg, aerr := c.p.paging()
	if aerr != nil {
		return aerr
	}
	return s.view(func(st *state) *apiError {
		if _, err := projectOf(st, c, projectID); err != nil {
			return err
		}
		list := all(st, projectID)
		render(newPageResponse(c, pg, len(list)), pageOf(pg, list))
		return nil
	})
}

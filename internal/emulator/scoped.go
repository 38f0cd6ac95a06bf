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

// inProject checks that project projectID exists (its not-found comes first) and that obj, the
// object the action's key found (nil for none), is one of its objects; owner says which project
// an object is in, and notFound is the family's documented answer otherwise.
func inProject[T any](st *state, c *call, projectID string, obj *T, owner func(*T) string, notFound *apiError) (*T, *apiError) {
	if _, err := projectOf(st, c, projectID); err != nil {
		return nil, err
	}
	if obj == nil || owner(obj) != projectID {
		return nil, notFound
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
	return s.updateAnswer(c, func(st *state) *apiError {
		obj, err := at.find(st, c)
		if err != nil {
			return err
		}
		return change(st, obj)
	})
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

// pageInProject answers a List* action of a project's objects: the project checked first (its
// not-found is the answer), then one page of all(projectID), each object as item answers it
// (answerPage).
func pageInProject[T, J any](s *Server, c *call, all func(st *state, projectID string) []*T, item func(*T) J) (pr pageResponse, items []J, aerr *apiError) {
	projectID, pg, aerr := c.p.projectPaging()
	if aerr != nil {
		return pageResponse{}, nil, aerr
	}
	aerr = s.viewProject(c, projectID, func(st *state) {
		pr, items = answerPage(c, pg, all(st, projectID), item)
	})
	return pr, items, aerr
}

// projectPaging reads the parameters every List* action of a project's objects has: ProjectId
// (required) and the paging ones.
func (p params) projectPaging() (string, page, *apiError) {
	projectID, aerr := p.required("ProjectId")
	if aerr != nil {
		return "", page{}, aerr
	}
	pg, aerr := p.paging()
	return projectID, pg, aerr
}

// viewProject runs fn under the read lock once project projectID is known to exist (its
// not-found is the answer otherwise).
func (s *Server) viewProject(c *call, projectID string, fn func(st *state)) *apiError {
	return s.view(func(st *state) *apiError {
		if _, err := projectOf(st, c, projectID); err != nil {
			return err
		}
		fn(st)
		return nil
	})
}

// updateAnswer runs fn as Server.update does and answers Data: true, the answer of the actions
// that change something and return nothing else.
func (s *Server) updateAnswer(c *call, fn func(st *state) *apiError) (any, *apiError) {
	if aerr := s.update(fn); aerr != nil {
		return nil, aerr
	}
	return dataResponse{RequestID: c.requestID, Data: true}, nil
}

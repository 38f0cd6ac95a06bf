package emulator

// categoryJSON is a category as DescribeFlowCategory and ListFlowCategory items show it. Every
// category the API creates is a folder (CategoryType FOLDER) holding objects of its Type.
type categoryJSON struct {
	ID           string `json:"Id"`
	GmtCreate    int64  `json:"GmtCreate"`
	GmtModified  int64  `json:"GmtModified"`
	Name         string `json:"Name"`
	ParentID     string `json:"ParentId"`
	Type         string `json:"Type"`
	CategoryType string `json:"CategoryType"`
	ObjectType   string `json:"ObjectType"`
	ObjectID     string `json:"ObjectId"`
	ProjectID    string `json:"ProjectId"`
}

func categoryJSONOf(c *category) categoryJSON {
	return categoryJSON{
		ID:           c.ID,
		GmtCreate:    c.GmtCreate,
		GmtModified:  c.GmtModified,
		Name:         c.Name,
		ParentID:     c.ParentID,
		Type:         c.Type,
		CategoryType: "FOLDER",
		ObjectType:   c.Type,
		ProjectID:    c.ProjectID,
	}
}

type describeCategoryResponse struct {
	RequestID string `json:"RequestId"`
	categoryJSON
}

type listCategoryResponse struct {
	pageResponse
	Categories struct {
		Category []categoryJSON `json:"Category"`
	} `json:"Categories"`
}

// checkCategoryPlace checks a category's parent and name: the parent exists in the project and
// is not the category itself or one of its descendants; the name is unique in the parent folder.
func checkCategoryPlace(st *state, c *category) *apiError {
	if c.Name == "" {
		return errInvalid("Name", "must not be empty")
	}
	if err := checkCategory(st, c.ProjectID, c.ParentID); err != nil {
		return err
	}
	// Walk up from the new parent; meeting c itself would make a cycle. The walk is bounded by
	// the number of categories, in case a loaded state already holds one.
	for id, steps := c.ParentID, 0; id != "" && steps <= len(st.Categories); steps++ {
		if id == c.ID {
			return flowError("Invalid parent category [%s]", c.ParentID)
		}
		parent := st.Categories[id]
		if parent == nil {
			break
		}
		id = parent.ParentID
	}
	for _, o := range st.Categories {
		if o.ID != c.ID && o.ProjectID == c.ProjectID && o.ParentID == c.ParentID && o.Name == c.Name {
			return errNameExists("Category", c.Name)
		}
	}
	return nil
}

func (s *Server) createCategory(c *call) (any, *apiError) {
	p := c.p
	if err := p.requireAll("ProjectId", "Name", "Type"); err != nil {
		return nil, err
	}
	// CreateFlowCategory.md: "类型： FLOW(工作流)， JOB(作业)，ADHOC(临时查询)".
	typ, _, aerr := p.optEnum("Type", "FLOW", "JOB", "ADHOC")
	if aerr != nil {
		return nil, aerr
	}
	cat := &category{ProjectID: p.get("ProjectId"), Name: p.get("Name"), Type: typ, ParentID: p.get("ParentId"), Region: c.region}
	return s.createInProject(c, cat.ProjectID, "FC-", func(st *state, id string) *apiError {
		cat.ID = id
		return checkCategoryPlace(st, cat)
	}, func(st *state, seq, now int64) {
		cat.Seq, cat.GmtCreate, cat.GmtModified = seq, now, now
		putRecord(st, recCategory, st.Categories, cat.ID, cat)
	})
}

// categoryOf returns the category named by Id in the project named by ProjectId.
func categoryOf(st *state, c *call, projectID, id string) (*category, *apiError) {
	return inProject(st, c, projectID, st.Categories[id], func(cat *category) string { return cat.ProjectID }, errCategoryNotFound(id))
}

func (s *Server) modifyCategory(c *call) (any, *apiError) {
	p := c.p
	return changeInProject(s, c, byID(categoryOf), func(st *state, old *category) *apiError {
		nc := *old
		p.setString("Name", &nc.Name)
		p.setString("ParentId", &nc.ParentID)
		if err := checkCategoryPlace(st, &nc); err != nil {
			return err
		}
		nc.GmtModified = millis(c)
		putRecord(st, recCategory, st.Categories, nc.ID, &nc)
		return nil
	})
}

func (s *Server) describeCategory(c *call) (any, *apiError) {
	return describeInProject(s, c, byID(categoryOf), func(_ *state, cat *category) describeCategoryResponse {
		return describeCategoryResponse{RequestID: c.requestID, categoryJSON: categoryJSONOf(cat)}
	})
}

func (s *Server) deleteCategory(c *call) (any, *apiError) {
	return changeInProject(s, c, byID(categoryOf), func(st *state, cat *category) *apiError {
		if categoryHoldsAnything(st, cat.ID) {
			return flowError("Category is not empty [%s]", cat.ID)
		}
		dropRecord(st, recCategory, st.Categories, cat.ID)
		return nil
	})
}

func categoryHoldsAnything(st *state, id string) bool {
	for _, c := range st.Categories {
		if c.ParentID == id {
			return true
		}
	}
	for _, f := range st.Flows {
		if f.CategoryID == id {
			return true
		}
	}
	for _, j := range st.Jobs {
		if j.CategoryID == id {
			return true
		}
	}
	return false
}

// listCategories implements ListFlowCategory: the children of ParentId when given, else the root
// folders when Root is true, else every category of the project.
func (s *Server) listCategories(c *call) (any, *apiError) {
	p := c.p
	projectID, pg, aerr := p.projectPaging()
	if aerr != nil {
		return nil, aerr
	}
	root, _, aerr := p.optBool("Root")
	if aerr != nil {
		return nil, aerr
	}
	parentID := p.get("ParentId")
	var resp listCategoryResponse
	aerr = s.viewProject(c, projectID, func(st *state) {
		var match []*category
		for _, cat := range sortedBySeq(st.Categories, func(c *category) int64 { return c.Seq }) {
			switch {
			case cat.ProjectID != projectID,
				parentID != "" && cat.ParentID != parentID,
				parentID == "" && root && cat.ParentID != "":
				continue
			}
			match = append(match, cat)
		}
		resp.pageResponse, resp.Categories.Category = answerPage(c, pg, match, categoryJSONOf)
	})
	if aerr != nil {
		return nil, aerr
	}
	return resp, nil
}

package emrapi

import (
	"context"
	"testing"
)

// TestContractFamilies decodes, as-is, the sample answers of the pages of the flow, project and
// folder actions the client calls that no other contract test decodes
// (/work/shared/reference/api/<action>.md, the JSON success sample). None of these four pages
// gives a sample error: their errors are the FLOW_API_FAILED body of the other pages, decoded by
// TestContractMembership and the runs' contract tests, and their not-found messages are
// classified in errors_doc_test.go.
func TestContractFamilies(t *testing.T) {
	const (
		// CreateFlowForWeb.md, "Sample success responses".
		createFlowAnswer = `{
    "RequestId": "2670BCFB-925D-4C3E-9994-8D12F7A9F538",
    "Id": "F-7A39731FE719****"
}`
		// DescribeFlowCategory.md, JSON sample: the folder wrapped in "data".
		describeCategoryAnswer = `{
	"requestId":"BBEB8FD9-3AA8-4D53-831C-037D9C53348E",
	"data":{
		"Name":"myFlow",
		"CategoryType":"FILE",
		"ParentId":"FC-198D4E3ACA4F****",
		"ObjectType":"FLOW",
		"Type":"FLOW",
		"RequestId":"BBEB8FD9-3AA8-4D53-831C-037D9C53348E",
		"Id":"FC-3A749C1F5D12****",
		"GmtCreate":1541858202000,
		"GmtModified":1541858767000,
		"ProjectId":"FP-E3F1523F8FC1****",
		"ObjectId":"F-33FA7CD5E195****"
	}
}`
		// DescribeFlowProject.md, JSON sample: the project wrapped in "data".
		describeProjectAnswer = `{
	"requestId":"ACD3A7A5-CD6E-48DA-823B-ACE5B01DA43D",
	"data":{
		"Name":"integration_test_project",
		"Description":"integration_test_project",
		"RequestId":"ACD3A7A5-CD6E-48DA-823B-ACE5B01DA43D",
		"Id":"FP-5D55DA9DEDF2****",
		"UserId":"123456789",
		"GmtCreate":1542934807000,
		"GmtModified":1542934807000
	}
}`
		// ListFlowCategory.md, JSON sample: "Categories" an array of lower-case-keyed items, a
		// root folder's parent "root_parent".
		listCategoriesAnswer = `{
	"PageNumber":1,
	"PageSize":10,
	"RequestId":"BCF52B64-007F-4883-BAEA-0499106D07C2",
	"Categories":[
		{
			"id":"FC-D566F13A20A00D18",
			"gmtModified":1563848002000,
			"parentId":"root_parent",
			"gmtCreate":1563848002000,
			"name":"FLOW",
			"categoryType":"FOLDER",
			"projectId":"FP-179332E88F52****",
			"type":"FLOW"
		}
	],
	"Total":1
}`
	)
	cases := []struct {
		page   string
		answer string
		call   func(context.Context, *testing.T, *Client) error
	}{
		{"CreateFlowForWeb.md", createFlowAnswer, func(ctx context.Context, t *testing.T, c *Client) error {
			id, err := c.CreateFlow(ctx, FlowInput{ProjectID: "FP-257A173659F5****", Name: "my_flow_demo",
				Description: "This is the description of a created workflow", ClusterID: "C-1"})
			if err == nil && id != "F-7A39731FE719****" {
				t.Errorf("CreateFlow id = %q, want the sample's F-7A39731FE719****", id)
			}
			return err
		}},
		{"DescribeFlowCategory.md", describeCategoryAnswer, func(ctx context.Context, t *testing.T, c *Client) error {
			got, err := c.DescribeCategory(ctx, "FP-E3F1523F8FC1****", "FC-3A749C1F5D12****")
			if err == nil && (got.ID != "FC-3A749C1F5D12****" || got.Name != "myFlow" || got.ParentID != "FC-198D4E3ACA4F****" ||
				got.Type != "FLOW" || got.CategoryType != "FILE" || got.ProjectID != "FP-E3F1523F8FC1****" ||
				got.ObjectID != "F-33FA7CD5E195****" || got.GmtCreate != 1541858202000 || got.GmtModified != 1541858767000) {
				t.Errorf("DescribeCategory = %+v", got)
			}
			return err
		}},
		{"DescribeFlowProject.md", describeProjectAnswer, func(ctx context.Context, t *testing.T, c *Client) error {
			got, err := c.DescribeProject(ctx, "FP-5D55DA9DEDF2****")
			if err == nil && (got.ID != "FP-5D55DA9DEDF2****" || got.Name != "integration_test_project" ||
				got.Description != "integration_test_project" || got.UserID != "123456789" || got.GmtCreate != 1542934807000) {
				t.Errorf("DescribeProject = %+v", got)
			}
			return err
		}},
		{"ListFlowCategory.md", listCategoriesAnswer, func(ctx context.Context, t *testing.T, c *Client) error {
			got, err := c.ListCategories(ctx, ListCategoriesInput{ProjectID: "FP-179332E88F52****", Root: true})
			if err == nil && (len(got) != 1 || got[0].ID != "FC-D566F13A20A00D18" || got[0].Name != "FLOW" ||
				got[0].CategoryType != "FOLDER" || got[0].Type != "FLOW" || got[0].GmtCreate != 1563848002000 ||
				got[0].ParentID != "") { // "root_parent": a root folder
				t.Errorf("ListCategories = %+v", got)
			}
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.page, func(t *testing.T) {
			api := newFakeAPI(t, script(ok(tc.answer)))
			c := newTestClient(t, api.URL, nil)
			noError(t, tc.call(t.Context(), t, c))
		})
	}
}

/*
 * people_int.h -- shared by the files of src/app/people/.
 */
#ifndef WS_PEOPLE_INT_H
#define WS_PEOPLE_INT_H

#include "app/orgs/orgs.h"
#include "app/people/people.h"

struct views;

extern const char *const people_professions[];	/* NULL-terminated codes */
extern const char *const people_profession_labels[];

/* The fields of a profile whose visibility its expert chooses, with their
 * defaults: what a person tells about themself is for members (focal
 * points included) until they say otherwise; their contact details are
 * nongovernmental, as organizations' are. */
#define PEOPLE_VIS_NFIELDS 10
extern const struct vis_field people_vis_fields[PEOPLE_VIS_NFIELDS];

/* Reads the profile of user uid (every field, the visibility map under
 * "visibility"); WS_ENOTFOUND when uid has none.  New reference. */
enum ws_err people_load(struct db *d, int64_t uid, json_t **out) WS_WUR;
/* Every approved profile, by name.  New reference. */
enum ws_err people_all(struct db *d, json_t **out) WS_WUR;
/* The level field of profile ex has (its visibility map, else the
 * default; VIS_STAFF for a field that has none). */
enum vis people_field_level(json_t *ex, const char *field);
/* r's viewer's level for uid's profile: the person and staff see all,
 * others as org_viewer_level(). */
enum vis people_level_for(struct req *r, int64_t uid);
/* Copies what level may see of profile ex; with v, adds names and HTML
 * for pages.  New reference. */
json_t *people_view(json_t *ex, enum vis level, const char *lang, struct views *v);
/* Writes profile ex (fields, contact, visibility) of uid. */
enum ws_err people_update(struct db *d, int64_t uid, json_t *ex) WS_WUR;

#endif

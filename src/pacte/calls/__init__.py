"""Calls for projects with co-selection: a fund's yearly call, the applications it
receives (the CERFA 12156 essentials), their review by reviewers of both partners, the
committee's decisions, and the conventions the accepted applications become.
"""

"""Test layers of the policy add-on (used by the top-level tests/)."""

from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import applyProfile
from plone.testing import zope as zope_testing

import mittelangeln.policy


class MittelangelnPolicyLayer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        self.loadZCML(package=mittelangeln.policy)

    def setUpPloneSite(self, portal):
        applyProfile(portal, mittelangeln.policy.PROFILE_ID)


FIXTURE = MittelangelnPolicyLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,),
    name="MittelangelnPolicyLayer:IntegrationTesting",
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, zope_testing.WSGI_SERVER_FIXTURE),
    name="MittelangelnPolicyLayer:FunctionalTesting",
)

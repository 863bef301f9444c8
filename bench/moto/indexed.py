"""Patches of moto 5.2.1 for the scale bench: lookups by key where moto scans the whole account on every request.

Each patch keeps moto's answer exactly as it was (same items, same order, same pagination tokens): it takes a fast
path only where the original's result can be computed from an index, and calls the original otherwise.
bench/moto/check_indexed.py compares the answers with and without the patches. Applied by bench/moto/serve.py --indexed.
"""
import moto

from moto import backends
from moto.ec2.models.tags import TagBackend
from moto.ec2.utils import EC2_PREFIX_TO_RESOURCE, get_prefix

if moto.__version__ != "5.2.1":
    raise SystemExit(f"bench/moto/indexed.py was written against moto 5.2.1, not {moto.__version__}: check each patch")

_PATTERN_CHARACTERS = set("*?[]\\")

_describe_tags = TagBackend.describe_tags


def _describe_tags_of_one(self, filters=None):
    """EC2 tags of one resource by its id, read from the tag dict instead of a scan of every tag of the account.

    What moto did: every EC2 model's get_tags() (so every tag filter of every Describe*, and every resource a Describe*
    returns) calls describe_tags(filters={"resource-id": [id]}), which copies the account's whole tag dict and tests
    every tag of every resource against a regex of the id. A Describe* over G groups in an account of T tags is
    O(G x T): both grow with the fleet, so the cost per call grows with the account, and seeding N is O(N^3).
    Why unchanged: with the only filter "resource-id" holding one value without a pattern character, the regex
    (fnmatch.translate, anchored with \\Z) matches exactly that id; the original then yields that resource's tags in
    the dict's order, each with the same four fields. Anything else goes to the original.
    """
    if filters is not None and len(filters) == 1 and "resource-id" in filters and len(filters["resource-id"]) == 1:
        resource_id = filters["resource-id"][0]
        if isinstance(resource_id, str) and not (_PATTERN_CHARACTERS & set(resource_id)):
            tags = self.tags.get(resource_id)
            if not tags:
                return []
            resource_type = EC2_PREFIX_TO_RESOURCE.get(get_prefix(resource_id), "")
            return [{"resource_id": resource_id, "key": k, "value": v, "resource_type": resource_type} for k, v in tags.items()]
    return _describe_tags(self, filters)


_list_of_moto_modules = backends.list_of_moto_modules
_moto_modules = None


def _cached_moto_modules():
    """moto's backend folders, listed once instead of on every request.

    What moto did: DomainDispatcherApplication.get_backend_for_host (every request, under the dispatcher's one global
    lock) tests `host in backends.list_of_moto_modules()`, which lists moto's package folder, sorts it and stats each
    entry (about 180 stat calls per request). Not a growth with the account, but it serializes every request on that
    lock. Why unchanged: the folder is the installed package, which does not change while the server runs; the same
    names are returned in the same (sorted) order.
    """
    global _moto_modules
    if _moto_modules is None:
        _moto_modules = tuple(_list_of_moto_modules())
    return iter(_moto_modules)


def install():
    TagBackend.describe_tags = _describe_tags_of_one
    backends.list_of_moto_modules = _cached_moto_modules


def uninstall():
    """Puts moto's own functions back (check_indexed.py compares both)."""
    TagBackend.describe_tags = _describe_tags
    backends.list_of_moto_modules = _list_of_moto_modules

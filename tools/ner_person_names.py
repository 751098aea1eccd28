#!/usr/bin/env python3
"""Given names and family names for `newsflow train ner --person-names`.

  ner_person_names.py > person-names.tsv

Reads the name lists of every locale of Faker's person provider (Debian
package python3-fake-factory) and writes one name word per line,
"given<TAB>Word" or "family<TAB>Word", sorted and without repeats. Names in
other scripts are also written transliterated to ASCII by Unidecode (a
dependency of the same package: "Иванов" gives "Ivanov"); Latin names keep
their letters ("Müller") and also appear without diacritics ("Muller").
Names of several words ("De la Cruz") give their capitalized words; words
of one letter are left out. Exits 2 naming the package when it is missing."""
import importlib
import pkgutil
import sys


def name_words(name):
    for part in name.replace("-", " ").split():
        part = part.strip(".,'’")
        if len(part) >= 2 and part[0].isupper() and part.isalpha():
            yield part


def main():
    try:
        import faker.providers.person as person
        from unidecode import unidecode
    except ImportError as e:
        print(f"ner_person_names.py: {e} (Debian package python3-fake-factory)", file=sys.stderr)
        return 2
    words = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in dir(provider):
            if attribute.startswith("first_name"):
                kind = "given"
            elif attribute.startswith("last_name"):
                kind = "family"
            else:
                continue
            names = getattr(provider, attribute)
            if not isinstance(names, (tuple, list, dict)):
                continue  # a method (first_name()), not a list
            for name in names:
                if not isinstance(name, str):
                    continue
                for form in {name, unidecode(name)}:
                    words.update((kind, word) for word in name_words(form))
    if not words:
        print("ner_person_names.py: Faker lists no person names", file=sys.stderr)
        return 2
    sys.stdout.writelines(f"{kind}\t{word}\n" for kind, word in sorted(words))
    return 0


if __name__ == "__main__":
    sys.exit(main())
